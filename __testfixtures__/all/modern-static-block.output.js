// A class static initialization block (ES2022) that builds the login client.
export class Auth {
  static webAuth;

  static {
    Auth.webAuth = new auth0.WebAuth({
      domain: 'acme.auth0.com',
      clientID: 'spa-client-id',
      audience: 'https://acme.auth0.com/api/v2/',
      scope: 'openid profile email update:current_user_metadata',
      responseType: 'token id_token',
    });
  }

  static handleCallback() {
    Auth.webAuth.parseHash((err, result) => {
      localStorage.setItem('id_token', result.idToken);
      localStorage.setItem('access_token', result.accessToken);
    });
  }

  static updateMetadata(userId, metadata, done) {
    const management = new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('access_token') });
    management.patchUserMetadata(userId, metadata, done);
  }
}

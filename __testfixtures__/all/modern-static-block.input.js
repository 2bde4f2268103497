// A class static initialization block (ES2022) that builds the login client.
export class Auth {
  static webAuth;

  static {
    Auth.webAuth = new auth0.WebAuth({
      domain: 'acme.auth0.com',
      clientID: 'spa-client-id',
      responseType: 'id_token',
    });
  }

  static handleCallback() {
    Auth.webAuth.parseHash((err, result) => {
      localStorage.setItem('id_token', result.idToken);
    });
  }

  static updateMetadata(userId, metadata, done) {
    const management = new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') });
    management.patchUserMetadata(userId, metadata, done);
  }
}

// Private fields and methods (ES2022) in the class that logs in and calls the Management API.
export class Session {
  #webAuth = new auth0.WebAuth({
    domain: 'acme.auth0.com',
    clientID: 'spa-client-id',
    responseType: 'token id_token',
    audience: 'https://acme.auth0.com/api/v2/',
    scope: 'openid profile read:current_user',
  });

  static #instances = 0;

  constructor() {
    Session.#instances++;
  }

  #store(authResult) {
    localStorage.setItem('id_token', authResult.idToken);
    localStorage.setItem('access_token', authResult.accessToken);
  }

  handle() {
    this.#webAuth.parseHash((err, authResult) => {
      if (authResult) this.#store(authResult);
    });
  }

  #management() {
    return new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('access_token') });
  }

  profile(userId, done) {
    if (!(#webAuth in this)) return done(new Error('not a session'));
    this.#management().getUser(userId, done);
  }
}

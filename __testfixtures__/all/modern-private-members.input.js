// Private fields and methods (ES2022) in the class that logs in and calls the Management API.
export class Session {
  #webAuth = new auth0.WebAuth({
    domain: 'acme.auth0.com',
    clientID: 'spa-client-id',
    responseType: 'id_token',
    scope: 'openid profile',
  });

  static #instances = 0;

  constructor() {
    Session.#instances++;
  }

  #store(authResult) {
    localStorage.setItem('id_token', authResult.idToken);
  }

  handle() {
    this.#webAuth.parseHash((err, authResult) => {
      if (authResult) this.#store(authResult);
    });
  }

  #management() {
    return new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') });
  }

  profile(userId, done) {
    if (!(#webAuth in this)) return done(new Error('not a session'));
    this.#management().getUser(userId, done);
  }
}

import { Management } from 'auth0-js';

export default class Auth0SsoLogin {
  constructor(config) {
    this.config = config;
    this.authResult = null;
  }

  handleAuthResult(authResult) {
    this.authResult = authResult;
  }

  getProfile() {
    return Promise.resolve()
    .then(() => {
      let idToken = this.getIdToken();
      let jwt = jwtManager.decode(idToken);
      let auth0AccessToken = this.authResult && this.authResult.idToken;
      if (!jwt || !jwt.sub || !auth0AccessToken) {
        throw { title: 'Current idToken or auth0AccessToken is not available.' };
      }

      const managementClient = new Management({
        domain: this.config.domain,
        token: auth0AccessToken
      });
      return new Promise((resolve, reject) => {
        managementClient.getUser(jwt.sub, (error, profile) => {
          return error ? reject({ title: 'Failed to get profile', error: error }) : resolve(profile);
        });
      });
    });
  }

  getIdToken() {
    let idToken = this.authResult && this.authResult.accessToken;
    return idToken;
  }
}

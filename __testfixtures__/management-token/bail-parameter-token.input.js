import { Management } from 'auth0-js';

export default class Auth0ClientProvider {
  constructor(config) {
    this.config = config;
  }

  getManagementClient(auth0AccessToken) {
    return new Management({
      domain: this.config.domain,
      token: auth0AccessToken
    });
  }
}

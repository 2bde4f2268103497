// The login's audience comes from the config module, where it is the /userinfo one, and the
// Management API client is handed the access token through a parameter named for it. The
// audience must change in the config module, which the codemod does not write: one finding
// there, and nothing else changes (the access token alone would still be a /userinfo token).
import auth0 from 'auth0-js';
import config from './auth0.config';


export default class Auth {
  auth0 = new auth0.WebAuth({
    domain: config.domain,
    clientID: config.clientId,
    redirectUri: config.redirectUri,
    audience: config.audience,
    responseType: 'token id_token',
    scope: 'openid profile',
  });

  login() {
    this.auth0.authorize();
  }

  getAccessToken() {
    return localStorage.getItem('access_token');
  }

  getIdToken() {
    return localStorage.getItem('id_token');
  }

  getProfile(cb) {
    const accessToken = this.getAccessToken();
    const idToken = this.getIdToken();
    if (accessToken && idToken) {
      const auth0Manage = this.setupUserManagementAPI(accessToken);
      this.auth0.client.userInfo(accessToken, (err, profile) => {
        if (profile) {
          auth0Manage.getUser(profile.sub, (error, fullProfile) => cb(error, fullProfile));
        }
      });
    }
  }

  setupUserManagementAPI(accessToken) {
    return new auth0.Management({
      domain: config.domain,
      token: accessToken,
    });
  }

  handleAuthentication() {
    this.auth0.parseHash((err, authResult) => {
      if (authResult && authResult.accessToken && authResult.idToken) {
        this.setSession(authResult);
      }
    });
  }

  setSession(authResult) {
    localStorage.setItem('access_token', authResult.accessToken);
    localStorage.setItem('id_token', authResult.idToken);
  }
}

// Auth0's hosted login page template (Universal Login, classic), kept in the app's repository:
// the tenant fills in @@config@@, and the page's Lock passes on what the app's own /authorize
// request asked for (params: config.internalOptions). Its login is the app's, configured and
// migrated in the app: nothing changes here, and it blocks no flow of the package.
var config = JSON.parse(decodeURIComponent(escape(window.atob('@@config@@'))));
config.extraParams = config.extraParams || {};
var connection = config.connection;
var prompt = config.prompt;
var lock = new Auth0Lock(config.clientID, config.auth0Domain, {
  auth: {
    redirectUrl: config.callbackURL,
    responseType: (config.internalOptions || {}).response_type || (config.callbackOnLocationHash ? 'token' : 'code'),
    params: config.internalOptions
  },
  configurationBaseUrl: config.clientConfigurationBaseUrl,
  overrides: {
    __tenant: config.auth0Tenant,
    __token_issuer: config.authorizationServer.issuer
  },
  assetsUrl: config.assetsUrl,
  allowedConnections: connection ? [connection] : null,
  rememberLastLogin: !prompt,
  closable: false
});
lock.show();

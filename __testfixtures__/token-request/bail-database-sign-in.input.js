const { AuthenticationClient, ManagementClient } = require('auth0');

const auth = new AuthenticationClient({ domain: 'acme.auth0.com', clientId: process.env.CLIENT_ID });

async function login(username, password) {
  const tokens = await auth.database.signIn({ username, password, connection: 'Username-Password-Authentication' });
  const sms = await auth.passwordless.signIn({ username: '+15550100', password: '1234', connection: 'sms' });
  const management = new ManagementClient({ domain: 'acme.auth0.com', token: tokens.id_token });
  return [await management.getUser({ id: 'auth0|1' }), sms];
}

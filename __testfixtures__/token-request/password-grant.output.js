const { AuthenticationClient, ManagementClient } = require('auth0');

const auth = new AuthenticationClient({
  domain: process.env.AUTH0_DOMAIN,
  clientId: process.env.AUTH0_CLIENT_ID,
  clientSecret: process.env.AUTH0_CLIENT_SECRET,
});

async function loginAndLink(username, password, secondaryIdToken) {
  const tokens = await auth.passwordGrant({
    username,
    password,
    realm: 'Username-Password-Authentication',
    audience: `https://${process.env.AUTH0_DOMAIN}/api/v2/`,
    scope: 'openid profile email update:current_user_identities',
  });
  const legacy = await auth.oauth.passwordGrant({
    username,
    password,
    audience: `https://${process.env.AUTH0_DOMAIN}/api/v2/`,
    scope: 'openid profile email update:current_user_identities',
  });
  const management = new ManagementClient({ domain: process.env.AUTH0_DOMAIN, token: tokens.id_token });
  await management.linkUsers(tokens.sub, { link_with: secondaryIdToken });
  return legacy;
}

// This file only logs in; another file of the package calls the Management API.
export const loginUrl = 'https://acme.auth0.com/authorize?response_type=token%20id_token&client_id=abc123&audience=https://acme.auth0.com/api/v2/&scope=openid%20email%20read:current_user%20update:current_user_metadata';

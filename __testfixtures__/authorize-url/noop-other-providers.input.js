// Other providers' /authorize URLs, in a package that calls the Management API elsewhere.
export const github = 'https://github.com/login/oauth/authorize?client_id=abc&scope=read:user&response_type=id_token';
export const microsoft = `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?response_type=id_token&client_id=${id}&scope=openid&nonce=1`;
export const spotify = 'https://accounts.spotify.com/authorize?response_type=id_token&client_id=abc';
export const google = new URL('https://accounts.google.com/o/oauth2/v2/auth');
google.searchParams.set('response_type', 'id_token');

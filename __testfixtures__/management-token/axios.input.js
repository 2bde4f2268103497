import axios from 'axios';

const API = 'https://acme.auth0.com/api/v2';

export function getUser(userId) {
  const token = localStorage.getItem('id_token') || '';
  return axios.get(`${API}/users/${userId}`, {
    headers: { Authorization: 'Bearer ' + token },
  });
}

export function unlink(userId, provider, secondaryId) {
  const headers = { Authorization: 'Bearer ' + localStorage.getItem('id_token') };
  return axios.delete(API + '/users/' + userId + '/identities/' + provider + '/' + secondaryId, { headers });
}

export function registerDevice(authResult, publicKey) {
  return axios.post(
    API + '/device-credentials',
    { device_name: 'laptop', type: 'public_key', value: publicKey },
    { headers: { Authorization: 'Bearer ' + authResult.idToken } },
  );
}

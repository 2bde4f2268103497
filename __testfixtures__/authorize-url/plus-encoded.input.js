const auth0 = require('auth0-js');

const loginUrl =
  "https://acme.auth0.com/authorize?client_id=abc123&redirect_uri=https://app.example.com/cb&scope=openid+profile&response_type=id_token&nonce=abc";

function removeDevice(mgmtToken, deviceId) {
  return fetch("https://acme.auth0.com/api/v2/device-credentials/" + deviceId, {
    method: "DELETE",
    headers: { Authorization: "Bearer " + localStorage.getItem("id_token") },
  });
}

module.exports = { loginUrl, removeDevice };

// Every request of the app goes through here, signed in as the current user.
function fetchAsUser(url, init) {
  var options = Object.assign({}, init);
  options.headers = Object.assign({}, options.headers, {
    Authorization: 'Bearer ' + localStorage.getItem('id_token')
  });
  return fetch(url, options);
}

$(function () {
  $('#login').on('submit', function (event) {
    event.preventDefault();
    $.ajax({
      url: 'https://acme.auth0.com/oauth/token',
      type: 'POST',
      data: {
        grant_type: 'password',
        username: $('#username').val(),
        password: $('#password').val(),
        audience: 'https://acme.auth0.com/api/v2/',
        scope: 'openid read:current_user',
        client_id: 'abc123',
        client_secret: 's3cr3t-value'
      },
      success: function (result) {
        localStorage.setItem('id_token', result.id_token);
      }
    });
  });
});

var TOKEN_KEY = 'id_token';
var USER_KEY = 'user_id';

export const AUTH_CONFIG = {
  domain: 'login.example.com',
  clientId: 'kW3tq8Ls0PZ7yH2mVb9xRc4NdJ6fGa1E',
  responseType: 'token id_token'
};

// Plain helpers with nothing to migrate.
export function fullName(user) {
  return [user.given_name, user.family_name].filter(Boolean).join(' ');
}

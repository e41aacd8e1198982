// Where the phone keeps the server's catalogue (src/catalogue/server-catalogue.ts), apart from
// that module so the shell can tell whether one is kept without loading the code that applies it.
export const SERVER_CATALOGUE_KEY = 'catalogue:server';

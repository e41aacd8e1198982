// The PouchDB side of the sync comparison: express-pouchdb (the CouchDB-compatible HTTP
// layer of pouchdb-server) over in-memory PouchDB databases, with its own gzip
// (compression middleware), on a loopback port. Run as a child process, like our server.
'use strict';
const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'))
  .plugin(require('pouchdb-mapreduce'));
const expressPouchDB = require('express-pouchdb');

const MemPouch = PouchDB.defaults({ adapter: 'memory' });
const app = expressPouchDB(MemPouch, { mode: 'minimumForPouchDB' });
const port = Number(process.env.PORT || 0);
const server = app.listen(port, '127.0.0.1', () => {
  console.log(`pouchdb listening ${server.address().port}`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));

// Seeds the staging database with demo data.
const { MongoClient } = require('mongodb');

const uri = 'mongodb+srv://seeder:11FN7UwxzB6lhyNTgC@staging.x7k2p.mongodb.net/shop?retryWrites=true&w=majority';

async function main() {
  const client = new MongoClient(uri);
  await client.connect();
  await client.db().collection('products').insertOne({ _id: 'ebbfa951-d8ae-4256-9251-cbca4dd4140f', name: 'Mug', price: 1200 });
  await client.close();
}

main();

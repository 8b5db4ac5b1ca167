/** The largest collections of a database by document count: what a long run made grow. */
import mongoose from 'mongoose';

export async function largestCollections(uri: string, dbName: string, top = 8) {
  const connection = await mongoose.createConnection(uri, { dbName }).asPromise();
  try {
    // The models this process loaded (the embedded database has no listCollections).
    const names = [...new Set(Object.values(mongoose.models).map((model) => model.collection.collectionName))];
    const sizes = await Promise.all(
      names.map(async (name) => ({
        collection: name,
        documents: await connection.db!.collection(name).countDocuments(),
      })),
    );
    return sizes.sort((a, b) => b.documents - a.documents).slice(0, top);
  } finally {
    await connection.close();
  }
}

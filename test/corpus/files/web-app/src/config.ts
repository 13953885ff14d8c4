// Runtime configuration; every secret comes from the environment.
export const config = {
  databaseUrl: process.env.DATABASE_URL!,
  stripeSecretKey: process.env.STRIPE_SECRET_KEY ?? '',
  sessionSecret: process.env.SESSION_SECRET,
  apiToken: getSecret('api-token'),
  stripePublishableKey: 'pk_live_51ZRD00lIAbAJAnC9KYv6QQ1zUH5USZ6lUESno140DjBSuQlyKOQiY3WrifQA8PfsyWGIoU4D3Rs8jXSZl4iyqFgFoGoHZ60HpG',
  algoliaAppId: 'QZER027BAC',
  algoliaSearchKey: 'e0642a07f6b822cfcb6047d5d6533f68', // search-only key, public by design
  mapboxToken: 'pk.eyJ1IjoiYWNtZSIsImEiOiJ3bmp6YTVyMTh6MzBrZGZleDkxZnZlenF6In0._DAQWzGbxPTpe7EeYGBc95',
  sentryDsn: 'https://4bf5f5f5a1350c463a5beb5309fbf6c4@o382953.ingest.sentry.io/9221695',
  googleClientId: '450282235855-6ljoefxy33ohpae70ye7f6uroqo4t972.apps.googleusercontent.com',
};

declare function getSecret(name: string): string;

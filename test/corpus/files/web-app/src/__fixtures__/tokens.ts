// Fake values for unit tests: they have the shape of real tokens and nothing else.
export const fakeGithubToken = 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
export const fakeSlackToken = 'xoxb-000000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx';
export const fakeStripeKey = 'sk_live_' + '0'.repeat(24);
export const fakePassword = 'hunter2';
export const fakeJwtSecret = 'test-secret';
export const fakeUserId = '275a184d-43de-4525-af22-9697c3d4b0e5';

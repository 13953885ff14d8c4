const { Client, GatewayIntentBits } = require('discord.js');
const config = require('./config.json');

const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });

client.once('ready', () => console.log('ready as ' + client.user.tag));
client.login('MzE0MzQ5NzcwODQwNjc1ODI1Nw.3vFAoZ.OaFNsKsueroe51LfHfhQgSr-I9jvfXNiJnCM44');

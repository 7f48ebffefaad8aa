// The reference for memory and ack figures: a bare Bolt app (HTTP receiver) that only acks, run by
// plain node from the same node_modules as the bot. Prints "ready" once listening on PORT.
import bolt from '@slack/bolt';

const { App, HTTPReceiver } = bolt;
const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET, endpoints: '/slack/events' });
const app = new App({ receiver, token: process.env.SLACK_BOT_TOKEN, botId: 'B0', botUserId: 'U0', clientOptions: { slackApiUrl: process.env.SLACK_API_URL } });
app.action(/.*/, async ({ ack }) => ack());
app.command(/.*/, async ({ ack }) => ack());
await receiver.start(Number(process.env.PORT));
process.stdout.write('ready\n');

import type { types, ViewOutput } from '@slack/bolt';
export type T = [types.KnownBlock, types.View, types.Button, types.SectionBlock, types.PlainTextElement, types.MrkdwnElement, types.ContextBlock, types.ActionsBlock, ViewOutput, types.ModalView];

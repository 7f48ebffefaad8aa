// The ids Slack echoes back to us. Listeners match on these; the card and the modal set them.

/** action_id of each card button. Every card button's value is the welcome id, as a string. */
export const ACTIONS = {
  sendDm: 'welcome_send_dm',
  postMention: 'welcome_post_mention',
  edit: 'welcome_edit',
  editDm: 'welcome_edit_dm',
  editMention: 'welcome_edit_mention',
  skip: 'welcome_skip',
  retry: 'welcome_retry',
  markSent: 'welcome_mark_sent',
  openInX: 'welcome_open_in_x',
} as const;
export type CardActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

/** callback_id of each modal. */
export const VIEWS = {
  editWelcome: 'welcome_edit_modal',
} as const;

/** Card buttons that decide something, registered behind the approver check; "Open in X" only opens a link. */
export const DECIDING_ACTIONS = [ACTIONS.sendDm, ACTIONS.postMention, ACTIONS.edit, ACTIONS.editDm, ACTIONS.editMention, ACTIONS.skip, ACTIONS.retry, ACTIONS.markSent] as const;
export type DecidingActionId = (typeof DECIDING_ACTIONS)[number];

/** Modals whose submission decides something, behind the same check. */
export const DECIDING_VIEWS = [VIEWS.editWelcome] as const;

/** block_id and action_id of the text input in the edit modal: the path to its value in view.state.values. */
export const EDIT_INPUT = {
  blockId: 'welcome_text_block',
  actionId: 'welcome_text_input',
} as const;

/** block_id of the card's button row, so a listener can tell the card's actions from others. */
export const CARD_ACTIONS_BLOCK_ID = 'welcome_card_actions';

/**
 * action_id of the buttons on each of a follower's messages in a card's thread. Their value is the
 * message id (conversation_messages.id), as a string.
 */
export const CONVERSATION_ACTIONS = {
  reply: 'conversation_reply',
  noAnswer: 'conversation_no_answer',
} as const;

/** block_id of a thread message's button row. */
export const CONVERSATION_ACTIONS_BLOCK_ID = 'conversation_message_actions';

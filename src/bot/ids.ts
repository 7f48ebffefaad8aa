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
  /** A model's draft replaced by the template draft (the card of a model's draft without X's approval). */
  useTemplateDraft: 'welcome_use_template_draft',
} as const;
export type CardActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

/** callback_id of each modal. */
export const VIEWS = {
  editWelcome: 'welcome_edit_modal',
} as const;

/** Card buttons that decide something, registered behind the approver check; "Open in X" only opens a link. */
export const DECIDING_ACTIONS = [ACTIONS.sendDm, ACTIONS.postMention, ACTIONS.edit, ACTIONS.editDm, ACTIONS.editMention, ACTIONS.skip, ACTIONS.retry, ACTIONS.markSent, ACTIONS.useTemplateDraft] as const;
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

/** App Home's templates (issue 13): "New template…" (value: the account id) and each template's menu (values: `<operation>:<row id>`). */
export const HOME_TEMPLATE_IDS = {
  create: 'home_template_new',
  menu: 'home_template_menu',
} as const;

/** The template editor: its callback_id, the Preview button, and the block_id / action_id of each input. */
export const TEMPLATE_EDITOR = {
  callbackId: 'template_editor',
  preview: 'template_editor_preview',
  actionsBlock: 'template_editor_actions',
  inputs: {
    key: { blockId: 'template_key', actionId: 'template_key_input' },
    lang: { blockId: 'template_lang', actionId: 'template_lang_select' },
    channel: { blockId: 'template_channel', actionId: 'template_channel_select' },
    body: { blockId: 'template_body', actionId: 'template_body_input' },
  },
} as const;

/**
 * The buttons of a conversation in the card's thread (issue 12). On a follower's message (Reply…,
 * No answer needed) the value is the message id (conversation_messages.id); on an answer (Approve and
 * send) it is `a:` and the answer's id.
 */
export const CONVERSATION_ACTIONS = {
  reply: 'conversation_reply',
  noAnswer: 'conversation_no_answer',
  /** Approve and send, on an answer waiting for a second teammate (FOUR_EYES). */
  approveAnswer: 'conversation_answer_approve',
  /** View on X, a link button on a sent answer: only acked. */
  viewAnswerOnX: 'conversation_answer_view_on_x',
} as const;

/** block_id of a thread message's button row. */
export const CONVERSATION_ACTIONS_BLOCK_ID = 'conversation_message_actions';

/** The Reply… modal: its callback id, its text field, and the way to answer when there is a choice. */
export const ANSWER_MODAL = {
  callbackId: 'conversation_reply_modal',
  textBlockId: 'answer_text_block',
  textActionId: 'answer_text_input',
  wayBlockId: 'answer_way_block',
  wayActionId: 'answer_way_input',
} as const;

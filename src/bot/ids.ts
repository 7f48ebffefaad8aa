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

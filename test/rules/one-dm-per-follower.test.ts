import * as rule from '../../src/rules/one-dm-per-follower';
import type { AuditHistory } from '../../src/rules/types';
import { ruleTester } from './rule-tester';

const noPrevious: AuditHistory = { previousWelcome: null, sentTexts: [] };
const sentByMarie: AuditHistory = { previousWelcome: { channel: 'dm', sentAt: '2025-03-02T10:15:00Z', by: 'Marie' }, sentTexts: [] };
const mentionedBefore: AuditHistory = { previousWelcome: { channel: 'mention', sentAt: '2024-11-20T08:00:00Z', by: null }, sentTexts: [] };
const approvedByPaul: AuditHistory = { previousWelcome: { channel: 'dm', sentAt: null, by: 'Paul' }, sentTexts: [] };
const approvedByNobodyKnown: AuditHistory = { previousWelcome: { channel: 'mention', sentAt: null, by: null }, sentTexts: [] };

ruleTester(rule, {
  valid: [
    { text: 'Merci de nous suivre, Anna ! Bonne journée.', history: noPrevious },
    { text: 'Thanks for the follow, Sam!', history: noPrevious },
    { text: 'Merci @anna pour le suivi !', kind: 'mention', history: noPrevious },
    { text: 'Thanks @sam, glad you are here.', kind: 'mention', history: { previousWelcome: null, sentTexts: ['Thanks @leo, glad you are here.'] } },
    { name: 'no history to read: nothing to say', text: 'Merci pour le follow, Léa !' },
    { name: 'welcomes sent to others do not count', text: 'Thanks for following, Priya!', history: { previousWelcome: null, sentTexts: ['Thanks for following, Priya!'] } },
  ],
  invalid: [
    { text: 'Merci de nous suivre, Anna !', history: sentByMarie, errors: [{ messageId: 'alreadySentBy', start: 0, end: 28 }] },
    { text: 'Thanks for the follow, Sam!', history: sentByMarie, errors: [{ messageId: 'alreadySentBy', text: 'Thanks for the follow, Sam!' }] },
    { name: 'a DM after a public mention is still a second welcome', text: 'Thanks again for following us!', history: mentionedBefore, errors: [{ messageId: 'alreadySent' }] },
    { text: 'Merci @anna pour le suivi !', kind: 'mention', history: mentionedBefore, errors: [{ messageId: 'alreadySent' }] },
    { name: 'an approved welcome on its way counts', text: 'Merci encore pour le suivi, Jules.', history: approvedByPaul, errors: [{ messageId: 'alreadyApprovedBy' }] },
    { text: 'Thanks @leo, welcome aboard.', kind: 'mention', history: approvedByNobodyKnown, errors: [{ messageId: 'alreadyApproved' }] },
  ],
});

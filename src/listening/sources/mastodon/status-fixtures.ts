// Statuses in the shape Mastodon's REST and streaming APIs give them, for tests.

/** A status as Mastodon 4.3 sends it (fields Parley does not read trimmed). */
export function sampleStatus(overrides: Record<string, unknown> = {}, account: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '113024470216546213',
    created_at: '2026-11-20T09:15:02.123Z',
    in_reply_to_id: '113024470000000000',
    in_reply_to_account_id: '110000000000000001',
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: 'cy',
    uri: 'https://social.example/users/eirlys/statuses/113024470216546213',
    url: 'https://social.example/@eirlys/113024470216546213',
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    edited_at: null,
    content:
      '<p>Diolch <span class="h-card" translate="no"><a href="https://gov.example/@cyngor" class="u-url mention">@<span>cyngor</span></a></span> ' +
      'am y <a href="https://social.example/tags/biniau" class="mention hashtag" rel="tag">#<span>biniau</span></a> ' +
      '<a href="https://cyngor.example/biniau" rel="nofollow noopener noreferrer" target="_blank"><span class="invisible">https://</span><span class="">cyngor.example/biniau</span><span class="invisible"></span></a></p>',
    reblog: null,
    account: {
      id: '109334860508022726', username: 'eirlys', acct: 'eirlys', display_name: 'Eirlys  Jones ', locked: false, bot: false, discoverable: true,
      indexable: true, group: false, created_at: '2022-11-13T00:00:00.000Z', note: '', url: 'https://social.example/@eirlys', noindex: false, emojis: [], fields: [],
      ...account,
    },
    media_attachments: [],
    mentions: [{ id: '14715', username: 'cyngor', url: 'https://gov.example/@cyngor', acct: 'cyngor@gov.example' }, { id: '9', username: 'local', url: 'https://social.example/@local', acct: 'local' }],
    tags: [{ name: 'biniau', url: 'https://social.example/tags/biniau' }],
    emojis: [],
    card: null,
    poll: null,
    ...overrides,
  };
}

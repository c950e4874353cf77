/** The principles of the civil service's social media guidance and the Civil Service Code that findings serve. */
export const principles = {
  'protect-personal-data': {
    title: 'Keep personal data out of public posts',
    url: 'https://www.gov.uk/government/publications/social-media-guidance-for-civil-servants',
  },
  'security-and-confidentiality': {
    title: 'Do not disclose official information without authority',
    url: 'https://www.gov.uk/government/publications/civil-service-code/the-civil-service-code',
  },
  'political-impartiality': {
    title: 'Be politically impartial',
    url: 'https://www.gov.uk/government/publications/civil-service-code/the-civil-service-code',
  },
  'honesty-and-commitments': {
    title: 'Be truthful and do not promise what you cannot deliver',
    url: 'https://www.gov.uk/government/publications/civil-service-code/the-civil-service-code',
  },
  'courtesy-and-tone': {
    title: 'Be courteous and professional online as offline',
    url: 'https://www.gov.uk/government/publications/social-media-guidance-for-civil-servants',
  },
  'plain-english': {
    title: 'Write in plain English',
    url: 'https://www.gov.uk/guidance/content-design/writing-for-gov-uk',
  },
  accessibility: {
    title: 'Make posts accessible to everyone',
    url: 'https://www.gov.uk/guidance/content-design/writing-for-gov-uk',
  },
  'platform-rules': {
    title: 'Follow the rules of the platform you post on',
    url: 'https://www.gov.uk/government/publications/social-media-guidance-for-civil-servants',
  },
  'trusted-links': {
    title: 'Link only to sources people can trust',
    url: 'https://www.gov.uk/government/publications/social-media-guidance-for-civil-servants',
  },
  'welsh-language': {
    title: 'Answer in Welsh when addressed in Welsh',
    url: 'https://www.gov.uk/government/publications/welsh-language-standards',
  },
} as const satisfies Record<string, { title: string; url: string }>;

/** The id of one principle. */
export type PrincipleId = keyof typeof principles;

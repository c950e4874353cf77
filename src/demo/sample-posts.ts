/**
 * Fictional posts about public services, in English and Welsh, that the demo replays as live mentions. Every name,
 * handle and detail is made up; the phone number is from Ofcom's range reserved for drama.
 */
export const samplePosts: readonly { platform: 'mastodon' | 'bluesky'; author: string; name: string; lang: 'en' | 'cy'; text: string }[] = [
  { platform: 'mastodon', author: 'sam_r@social.example', name: 'Sam R', lang: 'en', text: 'Universal credit payment still not in my account and rent is due tomorrow. Anyone else? #UniversalCredit' },
  { platform: 'bluesky', author: 'jodie.example.social', name: 'Jodie', lang: 'en', text: 'Bins missed AGAIN on Heol y Wern. Third week running. Who do I even call?' },
  { platform: 'mastodon', author: 'gwen@mastodon.example', name: 'Gwen', lang: 'cy', text: 'Mae’r llyfrgell yn y dref ar gau eto heddiw. Siomedig iawn, roedd y plant eisiau benthyg llyfrau.' },
  { platform: 'bluesky', author: 'cyclist-dan.example.social', name: 'Dan', lang: 'en', text: 'Huge pothole on the A470 near the roundabout, nearly came off my bike. Reported it online, let’s see.' },
  { platform: 'mastodon', author: 'hywel@social.example', name: 'Hywel', lang: 'cy', text: 'Dim casgliad biniau ailgylchu ar ein stryd ni ers pythefnos. Oes rhywun yn gwybod pam?' },
  { platform: 'bluesky', author: 'maria.example.social', name: 'Maria', lang: 'en', text: 'Just want to say the staff at the central library were brilliant helping my dad apply for his pension credit online. Thank you!' },
  { platform: 'mastodon', author: 'tom_h@social.example', name: 'Tom H', lang: 'en', text: 'How do I report a crime that isn’t an emergency? The online form keeps timing out.' },
  { platform: 'bluesky', author: 'eleri.example.social', name: 'Eleri', lang: 'cy', text: 'Diolch i’r tîm budd-daliadau am ateb fy nghwestiwn mor gyflym heddiw. Gwasanaeth gwych.' },
  { platform: 'mastodon', author: 'priya_k@mastodon.example', name: 'Priya K', lang: 'en', text: 'My housing benefit claim has been "being processed" for six weeks. Call me on 07700 900123 if anyone from the council reads this' },
  { platform: 'bluesky', author: 'roadwatch.example.social', name: 'Road Watch', lang: 'en', text: 'Road closed on Station Road for resurfacing all week, no diversion signs at all. #roadworks' },
  { platform: 'mastodon', author: 'alun@social.example', name: 'Alun', lang: 'cy', text: 'Mae twll mawr yn y ffordd ger yr ysgol gynradd. Mae’n beryglus i geir a phlant.' },
  { platform: 'bluesky', author: 'neighbourhood-watch.example.social', name: 'Neighbourhood Watch', lang: 'en', text: 'Police community support officers were at the library this morning giving advice about scams. Worth a chat next time.' },
  { platform: 'mastodon', author: 'lou@social.example', name: 'Lou', lang: 'en', text: 'The new recycling boxes are great but nobody told us which day glass goes out. Bins collection calendar please!' },
  { platform: 'bluesky', author: 'ffion.example.social', name: 'Ffion', lang: 'cy', text: 'Ydy’r llyfrgell ar agor ar ddydd Sul nawr? Mae’r wefan yn dweud un peth a’r arwydd yn dweud rhywbeth arall.' },
  { platform: 'mastodon', author: 'kev@mastodon.example', name: 'Kev', lang: 'en', text: 'Universal credit journal says my payment was made but the bank says nothing arrived. Four days now.' },
  { platform: 'bluesky', author: 'carys.example.social', name: 'Carys', lang: 'en', text: 'Lovely to see the library hosting a free coding club for teenagers. More of this please.' },
  { platform: 'mastodon', author: 'dai@social.example', name: 'Dai', lang: 'cy', text: 'Wedi ceisio riportio trosedd ar-lein ond mae’r ffurflen yn Saesneg yn unig. Pam?' },
  { platform: 'bluesky', author: 'sunita.example.social', name: 'Sunita', lang: 'en', text: 'Fly-tipping behind the shops on Park Lane again. The bins there overflow every weekend.' },
  { platform: 'mastodon', author: 'owain@mastodon.example', name: 'Owain', lang: 'cy', text: 'Taliad credyd cynhwysol yn hwyr eto y mis hwn. Mae hyn yn anodd iawn i deuluoedd.' },
  { platform: 'bluesky', author: 'pat.example.social', name: 'Pat', lang: 'en', text: 'Thanks to the council for fixing the street lights on Elm Close so quickly after I reported them.' },
];

/** The watches the demo adds, with the team that owns each. */
export const demoWatches: readonly { name: string; query: string; team: string; serviceArea: string; needsResponse: boolean }[] = [
  { name: 'Benefit payments', query: '("universal credit" OR "credyd cynhwysol" OR benefit* OR budd* OR "pension credit") AND (payment OR paid OR late OR processed OR taliad OR hwyr OR claim OR thank* OR diolch)', team: 'Benefits service', serviceArea: 'Benefits', needsResponse: true },
  { name: 'Bins and recycling', query: 'bins OR recycling OR "fly-tipping" OR biniau OR ailgylchu OR casgliad', team: 'Waste and recycling', serviceArea: 'Waste and recycling', needsResponse: true },
  { name: 'Libraries', query: 'library OR libraries OR llyfrgell', team: 'Libraries', serviceArea: 'Libraries', needsResponse: false },
  { name: 'Roads and street lights', query: 'pothole* OR "road closed" OR roadworks OR #roadworks OR "street lights" OR ffordd OR twll', team: 'Digital communications', serviceArea: 'Highways', needsResponse: true },
  { name: 'Reporting crime', query: '"report a crime" OR police OR trosedd OR heddlu', team: 'Digital communications', serviceArea: 'Community safety', needsResponse: false },
];

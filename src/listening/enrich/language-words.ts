/**
 * Very common words (function words, clitics and a few everyday words of social posts) per language written in the
 * Latin script, used to steady trigram identification on short posts. A word may belong to several languages. Clitics
 * are written with their apostrophe: a leading one for a tail ("'r", "'t"), a trailing one for an elided head ("l'").
 */
const COMMON_WORDS: Readonly<Record<string, string>> = {
  en: `the a an and or but not no is are was were be been being am have has had do does did will would can could
    should may might must of to in on at for with from by about as into over after before since until than then that
    this these those there here it its i me my you your we our us they them their he him his she her who what when
    where why how which again still just so very too all any some every anyone nobody nothing get got thanks thank
    please today out up down off only even though if because now back also really new one two more time day week
    month year people know need like want make going see come well good great bad never always being getting keeps
    said way told tried asked phone still yet 't 's 're 've 'll 'd 'm`,
  cy: `a ac ag am ar at i o y yr 'r 'n 'i 'w 'u 'th yn yng ym mae maen mai oes does dydy dyw ydy ydw ydyn ydych yw
    sy sydd roedd oedd bydd fydd bod fod wedi heb ddim dim nid ni na nad nac ond neu hefyd iawn gyda efo gan dros
    drwy trwy ers erbyn ger wrth rhwng fel pan pam pryd ble lle sut beth pwy faint fy dy ei ein eich eu fi ti e fe nhw
    chi hyn hwn hon hynny yma yna eto nawr rŵan heddiw ddoe yfory diolch plîs os achos oherwydd felly mor rhy mwy
    llawer pob bob rhywun rhywbeth neb dw dwi rwy rydw rydyn ces cael gael gwneud mynd dod angen eisiau isio ma dal
    hyd tan dyma dyna byth erioed unwaith da un dydd`,
  fr: `le la les un une des du de et est sont pas ne que qui pour dans sur avec au aux ce cette ces je tu il elle
    nous vous ils on mais très merci depuis été a en y l' d' c' j' n' qu' aujourd'hui`,
  de: `der die das den dem des ein eine einen und ist sind nicht kein keine mit für von zu auf im in an auch sehr
    heute seit danke aber ich wir sie es wurde wird noch schon wie was bei aus nach um vielen`,
  es: `el la los las un una de del y en es no que por para con se su sus al muy está están fue hoy hace desde
    gracias pero lo mi yo qué ha han hay todo`,
  pt: `o a os as um uma de do da dos das em no na nos nas e é não que para por com se mais muito está estão foi há
    hoje obrigado obrigada mas ao aos pela pelo eu você ele ela nós`,
  it: `il lo la i gli le un una di del della e è non che per con da in su al alla molto oggi grazie ma sono ho ha
    mi ci questo questa come anche l' dell' un'`,
  pl: `i w z na do nie jest są to że się od za o po dla jak ale co tak już bardzo dzisiaj dziś jestem mam ma mnie
    nas przez tego jego ten ta te dziękuję był była było`,
  ro: `și în la de pe cu nu este sunt a al ale o un din pentru că care mai foarte ce să se am ai au fost această
    acest astăzi azi mulțumesc mult`,
  ga: `an na agus is tá bhí níl ní níor ar le go do don den ag ach mé tú sé sí muid sibh siad seo sin inniu raibh
    maith ó faoi leis atá nach cad conas cén mar as i a é`,
  gd: `an na agus tha bha chan cha ann air le gu do dhan aig ach mi thu e i sinn sibh iad seo sin diugh airson
    deach chaidh mòran taing tapadh leibh leat gun nach dè ciamar carson às bho ri ris mar`,
  nl: `de het een en is zijn niet van op in met voor dat die er ook maar heel vandaag bedankt ik we wij ze je nog al
    naar om te bij geen wordt werd`,
  lt: `ir yra ne kad su į iš per už labai šiandien ačiū buvo jau dar tai bet`,
  tr: `ve bir bu için çok değil da de ile ne var yok mi ama bugün teşekkürler gibi daha`,
  so: `waa iyo ka ku u la aan ayaa ma oo in waxaa mahadsanid maanta ah`,
};

function invert(lists: Readonly<Record<string, string>>): Map<string, readonly string[]> {
  const byWord = new Map<string, string[]>();
  for (const [language, words] of Object.entries(lists)) {
    for (const word of words.split(/\s+/u)) {
      if (word === '') continue;
      const languages = byWord.get(word) ?? [];
      if (!languages.includes(language)) languages.push(language);
      byWord.set(word, languages);
    }
  }
  return byWord;
}

/** Each common word and the languages (ISO 639-1) it is common in. */
export const LANGUAGES_OF_WORD: ReadonlyMap<string, readonly string[]> = invert(COMMON_WORDS);

/** The Latin-script languages that have a common-word list. */
export const LATIN_LANGUAGES: readonly string[] = Object.keys(COMMON_WORDS);

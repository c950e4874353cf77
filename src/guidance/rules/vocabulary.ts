/**
 * A modest English vocabulary for splitting hashtags into words and for telling a shouted word from an acronym:
 * everyday words plus the words of public services. It does not need to be complete: a hashtag that cannot be split
 * into known words is left alone, and the draft's own words are added to it for each check.
 */
const WORDS = `
a about above act action active add advice after again against age ago aid air alert all allowance also always am an
and animal annual another answer any app apply appeal appointment april are area arm army art as ask at august autumn
available award aware awareness away baby back bad bag bank base be beach bed been before begin being best better big
bill bin bins bird birth black blue board body book born both box boy brain break breakfast bright bring british build
building bus business but buy by call calm camp can cancer car card care career carer carers case cash cat centre
change check child children choice christmas city civil claim class clean clear climate close club coast cold collect
collection college come community company complaint cook cost council count country county court cover craft create
credit crime crisis cross culture cup cut cycle cycling daily damage dance danger dark data date day days dead deaf
deal dear death debt december decide dementia dental design digital disability disabled disease do doctor dog done
door down drink drive driver driving drop drug dry duty early earth easy eat economy education election electric
emergency employment end energy england english enjoy enough environment equal europe event every exam exercise extra
eye face fact fair fall family farm fast father february fee feel festival fight file find fire first fish fit five
flood flu fly food football for forest form foster four free fresh friday friend from front fuel full fun fund future
game garden gas get gift girl give glass go goal gold good government great green grey ground group grow guide hair
half hall hand happy hate have he head health healthy hear heart heat help her here heritage high hill his history
hold holiday home homeless hope hospital hot hour house housing how hub hunger ice idea ill in income info information
inside island it its jam january job jobs join journey july june just keep key kid kids kind king kitchen know lake
land language last late law learn learning leave left leisure less let letter library life light like line link list
listen litter little live living local lock london long look lost love low lunch main make man march market may meal
meet men mental mind minute miss mobile money month more morning mother move much music must my name nation national
nature need network never new news next nhs night no north not november now number nurse of off office old on one
online only open or order other our out outdoor over own paid park part pass passport past pay payment pension people
pet phone place plan planning plant play please plus police policy pool poor post pound power pride prison protect
public quiet race rail rain read ready real recycle recycling red refuse register relief rent report rescue reset
respect rest right ring rise river road room rough rule run rural safe safety sale save saving school science scotland
sea season second see self send sense service services set share shop short show sick sign skill skills sleep slow
small smart smoke snow social space speak special sport spring staff stage start state station stay step stop storm
story street strong student study summer sun sunday support sure swim system take talk tax tea teacher team test thank
thanks the their them then there they thing think this three through time tip tips to today together top town trade
train training transport travel tree trees trust try tuesday turn two unit universal up us use van vote wait wales
walk wall war warm waste watch water way we wear weather week weekend welfare well welsh west what when where who why
wild will win winter with woman women wood work worker workers world write year years yes you young your youth zero
abuse access accident adult adults alcohol allotment allotments ambulance anti apprentice apprenticeship armed autism
bank benefit benefits bereavement blood blue bridge budget bully bullying burglary census charity childcare cleaner
consultation cost covid crisis customer cyber dementia dentist diabetes domestic donate donor elderly electoral energy
exam fostering fraud gambling grant grants graffiti hate heatwave helpline immunisation independent inspection
insulation jobcentre kindness leaver leavers licence loneliness maternity measles meals midwife military neighbour
neighbourhood network obesity parking parent parents pavement period pothole potholes poverty pregnancy prevention
primary private quit recovery refugee rehab remembrance repair resident residents retirement road roads rubbish safer
safeguarding scam scams secondary senior shelter skills smoking stalking state stress suicide survivor tenant tenants
terror tipping traffic trading travel unemployment vaccine vaccination veteran veterans victim victims violence
volunteer volunteers vote voter voters wellbeing wheelchair winter worker
notice update upgrade without within everyone everything someone something anyone anything download upload offline
workshop newsletter playground understand outstanding sometimes carpet inside outside become became before because
however therefore homework housework bedroom classroom bathroom grandparents grandchildren firefighter firefighters
lifeguard lifetime weekday weekdays cannot into onto upon itself myself yourself ourselves themselves forward towards
throughout overall overnight overdue overpayment underpayment shortlist deadline feedback takeaway footpath roadworks
sunshine rainfall snowfall hometown countryside seaside waterway woodland wildlife landlord landlady household
housebound lifestyle lifeline passport timetable password postcode goodbye goodwill blackout breakthrough breakdown
checklist checkout login logout signup setup backup startup outcome input output overtime halfway tonight tomorrow
yesterday anyway nowhere somewhere everywhere herself himself whatever whenever wherever handbook notebook
`;

/** The built-in vocabulary, lower case. */
export const vocabulary: ReadonlySet<string> = new Set(WORDS.split(/\s+/u).filter((word) => word !== ''));

const SUFFIXES = ['s', 'es', 'ed', 'd', 'ing', 'er', 'ers', 'ly', 'ness', 'ment', 'ments', 'ful'];

/** Whether a lower-case word is known, directly or as a regular form of a known word ("collections", "tipping"). */
export function isKnownWord(word: string, extra: ReadonlySet<string> = emptySet): boolean {
  if (vocabulary.has(word) || extra.has(word)) return true;
  for (const suffix of SUFFIXES) {
    if (word.length <= suffix.length + 2 || !word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    if (vocabulary.has(stem) || extra.has(stem) || vocabulary.has(`${stem}e`)) return true;
    // "tipping" → "tipp" → "tip": a doubled last consonant before -ing, -ed, -er.
    if (stem.length > 2 && stem.at(-1) === stem.at(-2) && vocabulary.has(stem.slice(0, -1))) return true;
  }
  return false;
}

const emptySet: ReadonlySet<string> = new Set();

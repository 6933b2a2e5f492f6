/**
 * @module core/quotes/lexicon — the word lists attribution runs on: speech verbs, titles, nouns for
 * people and bodies, words that are never part of a person's name.
 */

const set = (words: string): Set<string> => new Set(words.trim().split(/\s+/));

/** Finite verbs that report speech or writing: `"…," X said`, `X told reporters: "…"`. */
export const SPEECH_VERBS = set(`
  said says say told tells added adds wrote writes stated states asserted asserts declared declares noted notes
  explained explains argued argues insisted insists replied replies responded answered asked asks warned warns
  urged urges cautioned stressed stresses emphasised emphasized emphasises emphasizes acknowledged acknowledges
  admitted admits conceded complained complains predicted predicts announced announces posted tweeted continued
  recalled observed remarked quipped suggested suggests maintained maintains contended countered concluded
  claimed claims boasted promised promises pledged pledges vowed vows called calls described describes termed
  labelled labeled dubbed thought thinks believes believed hoped hopes feared fears reiterated reiterates
  highlighted indicated revealed signalled signaled ordered instructed demanded demands condemned praised
  hailed welcomed criticised criticized accused blamed assured confirmed confirms denied denies disclosed
  estimated forecast projected sees saw expects expected proposed recommended announced added
  explained commented testified told texted messaged shouted yelled murmured whispered read reads
`);

/** Participles that continue a clause whose subject spoke: `…, adding "…"`, `…, saying: "…"`. */
export const SPEECH_PARTICIPLES = set(`
  saying adding telling stating noting arguing calling describing writing insisting warning urging explaining
  asking stressing emphasising emphasizing citing declaring asserting replying quoting pledging vowing
  promising calling labelling labeling terming acknowledging admitting conceding complaining predicting
`);

/** Words between a subject and its verb that do not change who spoke: `Kato also said`, `he had told`. */
export const VERB_FILLERS = set(`
  also later then again further earlier previously repeatedly recently once still had has have was were is
  would will could can may might should not never just already only reportedly privately publicly
  separately himself herself itself themselves flatly simply bluntly quickly today yesterday tonight first
  finally subsequently initially even angrily openly frankly candidly jokingly proudly insistently
`);

/** Pronouns that stand for a speaker already named. */
export const PERSON_PRONOUNS = set('he she him her');
export const THING_PRONOUNS = set('it its');
export const PLURAL_PRONOUNS = set('they them');

/** Openers of an unnamed description: `a senior official`, `one delegate`, `another MITI official`. */
export const INDEFINITE = set('a an one another some two three four several many most both other others');
export const DEFINITE = set('the this that these those');

/** Head nouns for people, singular and plural: the word an unnamed source is built on. */
export const PERSON_NOUNS = set(`
  official officials spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople minister ministers
  secretary secretaries delegate delegates source sources economist economists analyst analysts strategist
  strategists trader traders dealer dealers banker bankers diplomat diplomats negotiator negotiators aide aides
  adviser advisers advisor advisors executive executives director directors chairman chairwoman president
  governor lawmaker lawmakers senator senators congressman congresswoman representative representatives
  member members manager managers planner planners worker workers teacher consultant consultants expert experts
  researcher researchers observer observers insider insiders person people owner owners resident residents
  fan fans student students producer producers farmer farmers employee employees staffer staffers leader
  leaders chief chiefs head officer officers commissioner ambassador envoy premier republican democrat
  legislator legislators economist investor investors broker brokers participant participants buyer buyers
  seller sellers exporter exporters importer importers executive founder partner partners lawyer lawyers
  scientist scientists professor critic critics supporter supporters opponent opponents voter voters
  shopper shoppers customer customers user users organiser organizer spokesmen chancellor undersecretary
  engineer engineers driver drivers pilot pilots competitor competitors rival rivals colleague colleagues
  bondholder bondholders shareholder shareholders holder holders creditor creditors manufacturer manufacturers
  supplier suppliers distributor distributors agent agents merchant merchants retailer retailers grower growers
  miner miners unionist unionists activist activists protester protesters demonstrator demonstrators campaigner
  witness witnesses citizen citizens fisherman fishermen diplomat envoys aide counsel attorney attorneys judge
  judges justice economist strategists forecaster forecasters planner chairwoman treasurer treasurers
  underwriter underwriters banker specialist specialists veteran veterans observer insiders chair chairperson
`);

/** Head nouns for bodies and documents that speak: `the ministry said`, `the communique said`. */
export const BODY_NOUNS = set(`
  ministry department agency company firm group bank government commission committee council office statement
  communique communiqué report treasury administration paper newspaper union association institute board fund
  exchange authority embassy regulator organization organisation body house court party bureau delegation
  team letter declaration agreement pact accord study survey document memo notice carmaker automaker
  steelmaker insurer operator maker producer lender broker brokerage newspaper daily weekly magazine agency
  secretariat parliament congress senate cabinet ministry presidency mission federation chamber resolution bill law
  order decree ruling judgment judgement opinion filing proposal memo text draft release announcement circular
  guideline guidelines directive regulation regulations prospectus newsletter bulletin editorial poll
`);

/** Words inside a capitalised run that make it an organisation or a place, not a person. */
export const ORG_WORDS = set(`
  Bank Banks Ministry Department Dept Agency Office Bureau Commission Committee Council Board Fund Reserve
  Treasury Group Corp Corporation Inc Co Ltd Company Companies Holdings Securities Research Institute
  Institution University College School Party Association Federation Union Organization Organisation Forum
  Exchange Markets Market Capital Partners Advisers Advisors Advisory Consulting Insight Analytics Motor Motors
  Steel Electric Industries Industry Industrial Financial Finance Investment Investments Trust Times News Post
  Journal Shimbun Television Radio Press Media Division Service Services Systems Technologies Technology
  Energy Oil Airlines Airways Life Insurance Brothers Bros Street Avenue Garden Palace House Hall Airport
  Station City State States Kingdom Republic Nations Community Court Congress Senate Parliament Diet Cabinet
  Government Administration Embassy Army Navy Force Authority Summit Conference Club Center Centre Foundation
  Society Network Platform Social Assembly Secretariat Program Programme Plan Accord Agreement Pact Act Bill
  Treaty Declaration Presidency Fed Federal Monetary International Economic Trade Commerce Machines Business
  Development Cooperation Relations Affairs Communications Telecom Holdings Plc LLC Airlines Dream Studio
  Studios Pictures Entertainment Animation Advertising Works Labs Lab Partners Management Macro Global
  World Pacific Atlantic Asia Asian Europe European America American Africa African Japan Japanese China
  Chinese Korea Korean India Indian Tokyo Washington Beijing London Paris Brussels Geneva Osaka Seoul Moscow
  New York Los Angeles San Francisco Chicago Hong Kong Singapore Sydney Frankfurt Zurich Berlin Ottawa
  Canada Canadian Mexico Mexican Britain British Germany German France French Italy Italian Russia Russian
  Ukraine Ukrainian Taiwan Brazil Australia Australian Swiss Dutch Spain Spanish Vietnam Indonesia Thailand
  Philippines Philippine Malaysia Saudi Arabia Iran Israel Turkey Egypt Argentina Chile Peru Union Gulf Sea
  River Island Islands North South East West Northern Southern Eastern Western Central Valley Silicon Wall
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July
  August September October November December Reuters Bloomberg Kyodo Nikkei Xinhua Truth GATT WTO IMF OECD
  Golden Week Year Christmas Easter Olympics Olympic Emmy Emmys Oscar Oscars Expo Cup Spa SpA AG SA NV BV GmbH
  KK Bhd Pty Cie Cia SRL Oy AB ASA
`);

/** Title words that stand before a name and are not part of it: `Treasury Secretary Scott Bessent`. */
export const TITLE_WORDS = set(`
  Prime Minister Ministers Secretary President Vice Deputy Chief Cabinet Finance Foreign Trade Commerce
  Treasury Economic Economy Representative Governor Chairman Chairwoman Chair Director General Executive
  Officer Senator Sen Sen. Rep Rep. Congressman Congresswoman Speaker Ambassador Envoy Premier Chancellor
  Mayor King Queen Prince Princess Emperor Empress Pope Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Gen Gen.
  Lt Lt. Col Col. Adm Adm. Gov Gov. Undersecretary Under Assistant Associate Spokesman Spokeswoman Host
  Commissioner Judge Justice Attorney Leader Head Founder CEO CFO COO Managing Senior Economist Analyst
  Strategist Counselor Counsellor Adviser Advisor Commander State Defence Defense Agriculture Energy
  Industry International Relations Home Interior Labour Labor Health Education Environment Transport
  Planning Development Revitalization Revitalisation Affairs Digital Justice Economics Fiscal Monetary
  Policy Sir Dame Lord Lady Madam Secretary-General Director-General Vice-President Vice-Chairman
  US U.S. U.K. UK EU Japanese American Chinese German French British Canadian Mexican Indian Korean South
  North African Ukrainian Russian Italian Australian Brazilian Argentine Spanish Dutch Swiss Belgian Soviet
  Taiwanese Philippine Indonesian Malaysian Thai Vietnamese Saudi Israeli Iranian Turkish Egyptian Nigerian
  European Asian Federal Reserve Bank Central Ministry Department Council Republican Democrat Democratic
  Republican Labour Conservative Liberal Opposition Party Former Acting Interim Incoming Outgoing New Top
  Sales Marketing Operating Financial Technology Technical Research Investment Investments Chief Global
  Regional Country Group Company Corporate Club Team Coach Manager Captain Officer Public Security Intelligence
  Elder Economy-Minister Broker Dealer Trader Banker Lawyer Consultant Researcher Spokesperson Editor Columnist
  Farmer Owner Partner Negotiator Delegate Professor Lecturer Physicist Reporter Correspondent Chef Designer
  Treasurer Comptroller Controller Auditor Administrator Superintendent Inspector Registrar Provost Dean Rector
  Bishop Cardinal Sheikh Emir Crown Archbishop Minister-President Commissioner-General Executive-Director Exchequer
  Duchy Lancaster Paymaster Solicitor-General Attorney-General Postmaster Quartermaster Lieutenant Colonel Major
  Admiral Brigadier Sergeant Corporal Private Marshal Field-Marshal Air-Marshal Vice-Admiral
`);

/** Capitalised words that open a sentence without being a name: `But`, `Speaking`, `Last`. */
export const NOT_NAMES = set(`
  The A An This That These Those There Then It Its He She They We I You His Her Their Our My But And Or
  However Meanwhile Still Yet So Also In On At For To From With By Of As After Before While When Since
  Although Though Because If Asked Speaking According Separately Earlier Later Last Next Today Yesterday
  Tomorrow Some Many Most Other Such What Who Which Where Why How Both Each Every Any No Not Nobody
  Nothing Everyone Several Few Under Over Despite During Following Unlike Like Given Once Until Even
  Regarding Addressing Opening Arriving Turning Commenting Testifying Noting Referring Responding
  Further Further, Overall Instead Indeed Thus Hence Here Analysts Officials Dealers Traders Sources
  Economists Delegates Senators Residents Staff Consumer Consumers Market Markets Government Tokyo's
  Finally Ahead Among Around Amid Against Between Beyond Through Toward Towards Upon Within Without Another One Two
  Three Four Five Either Neither Others Whether
`);

/** Words that open an introductory phrase ending at the first comma: `In Tokyo, Kato said …`. */
export const INTRO_WORDS = set(`
  In On At For From With By After Before While When Since Although Though Because If Asked Speaking
  According Despite During Following Unlike Like Given Once Until Even Under Over Regarding Addressing
  Opening Arriving Turning Commenting Testifying Noting Referring Responding Writing Announcing Forecasting
  Faced To As Later Earlier Meanwhile However Still Yesterday Today Separately Also Instead Overall Amid
  Ahead Among Against Between Through Toward Towards Upon Within Without Back Outside Inside Near
`);

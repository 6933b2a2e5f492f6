/**
 * The shipped topics (config/topics.yaml) on short articles written for these tests: each false
 * friend from LABELING.md stays out, and the real stories come in.
 */
import { describe, expect, it } from 'vitest';
import { loadTopics } from '../../src/config/load.js';
import { compileTopics } from '../../src/core/rules/index.js';
import { matchTopics } from '../../src/core/rules/match.js';

const topics = compileTopics(loadTopics({ dir: 'config', env: {} }));
const topicsOf = (title: string, body: string): string[] => matchTopics(topics, { title, body }).map((m) => m.id).sort();

describe('default topics: false friends', () => {
  it('an electricity tariff is a price plan, not a trade barrier', () => {
    const title = 'Household electricity tariffs to climb 4% as regulator resets the cap';
    const body = [
      'MANCHESTER — The energy regulator raised its cap on household bills by 4% for the winter quarter, so a home on a standard variable tariff with typical gas and electricity use will pay about £90 more a year.',
      'Suppliers may levy a higher daily standing charge from January. Fixed-price tariffs, which sit outside the cap, were already cheaper for many households, a consumer group said.',
      'Energy tariffs have risen three times in two years.',
    ].join('\n\n');
    expect(topicsOf(title, body)).toEqual([]);
  });

  it('mobile and hotel tariffs are price lists too', () => {
    expect(topicsOf('Carriers lift prepaid mobile tariffs by up to 20%', 'Three operators said on Monday they would raise prepaid and postpaid mobile tariffs from next month, the first increase in two years.\n\nSubscribers can keep the old tariffs until renewal.')).toEqual([]);
    expect(topicsOf('Hotel room tariffs double for the festival week', 'Hotel tariffs in the old town have doubled ahead of the festival, with room rates topping 400 euros a night.\n\nRoom tariffs usually fall after the summer.')).toEqual([]);
  });

  it('a price-plan story is no trade story even where "tariff" stands far from the utility word', () => {
    // the headline and lead say what the story is about; no import, export, duty or trade dispute anywhere
    const power = [
      'PERTH — Families on the standard retail offer will pay up to 7% more for electricity from October, the state regulator said on Tuesday, after network costs rose for a second year.',
      'Pensioners are often stuck on the dearest tariff because nobody told them about cheaper ones, a welfare group said. Night-rate tariffs, which reward households that run appliances late, are spreading.',
      'The regulator said customers who compared offers could save about A$300 a year.',
    ].join('\n\n');
    expect(topicsOf('Power bills to climb 7% as regulator lifts the standard offer', power)).toEqual([]);
    const telecom = [
      'NAIROBI — The communications authority has let mobile operators raise call and data tariffs by up to 30%, the first increase since 2016.',
      'Any new tariffs have to be published a month before they apply, the authority said, and prepaid bundles already sold stay valid.',
      'Operators had asked for a 60% rise to cover the cost of diesel for their masts.',
    ].join('\n\n');
    expect(topicsOf('Kenya lets carriers lift voice and data tariffs by a third', telecom)).toEqual([]);
  });

  it('"G20 nations" as a label in a report on emissions is not a G20 story, in English or Japanese', () => {
    const body = [
      'BERLIN — Greenhouse gas emissions of the G20 nations rose 0.8% last year, a climate research group said on Monday, as coal use in India and Indonesia outweighed cuts in Europe.',
      'The Group of 20 countries produce about four fifths of global emissions. Only three G20 members are on course for their 2030 targets, the report found.',
    ].join('\n\n');
    expect(topicsOf('G20 nations’ emissions still rising, climate group says', body)).toEqual([]);
    const ja = '環境シンクタンクは10日、G20諸国の二酸化炭素排出量に関する報告書を公表した。主要20カ国・地域（G20）諸国の排出量は前年比で1%増えた。報告書は「G20諸国の削減努力はまだ足りない」と指摘した。';
    expect(topicsOf('G20諸国のCO2排出量、前年比1%増', ja)).toEqual([]);
  });

  it('a G7 or Group of Seven meeting is not the G20', () => {
    const body = [
      'OTTAWA — Finance ministers of the Group of Seven ended two days of talks on Friday with a statement on Ukraine and on critical minerals, but without agreement on how to tax digital services.',
      'The G7 chair said the group would meet again before its leaders’ summit in June.',
    ].join('\n\n');
    expect(topicsOf('G7 finance chiefs end talks without digital tax deal', body)).toEqual([]);
  });

  it('"G20 economies" as a label for big countries is not a G20 story', () => {
    const body = [
      'PARIS — Inflation across the G20 economies eased to 3.1% in the second quarter, a research group said on Thursday, with prices cooling fastest in Brazil and Germany.',
      'Growth in the G20 area held at 0.9%. Prices in Turkey and Argentina still rose faster than elsewhere among G20 economies.',
    ].join('\n\n');
    expect(topicsOf('Inflation in G20 economies eases for a third quarter', body)).toEqual([]);
  });

  it('VFX and a TV network called FX are not currency stories', () => {
    const body = [
      'LONDON — A visual effects studio that worked on two space epics has laid off half its staff. VFX houses have struggled since streaming budgets were cut, an industry body said.',
      'The studio’s last big project was a drama for the cable network FX, which renewed the series for a third season.',
    ].join('\n\n');
    expect(topicsOf('VFX studio cuts jobs as FX drama wraps', body)).toEqual([]);
  });

  it('the pronoun "us" is not the United States', () => {
    const body = [
      'OSAKA — Thousands of fans queued outside the stadium in Osaka on Saturday to see the home side clinch the Japanese baseball title.',
      '"This team belongs to all of us," said a student from Kobe. "Let us enjoy it while it lasts," said another fan, who had travelled from Tokyo.',
    ].join('\n\n');
    expect(topicsOf('"All of us": Osaka fans cheer title win', body)).toEqual([]);
  });

  it('a bare currency conversion is not an FX story', () => {
    const body = [
      'NAGOYA — A Japanese carmaker reported an operating profit of 4.1 trillion yen ($27 billion) for the year to March, up 12%, as hybrid sales climbed in North America.',
      'It plans to spend 900 billion yen on batteries and raised its dividend to 80 yen a share.',
    ].join('\n\n');
    expect(topicsOf('Carmaker profit tops 4 trillion yen on hybrid demand', body)).toEqual([]);
  });

  it('a Japanese company buying a US firm, with no policy angle, is not US–Japan relations', () => {
    const body = [
      'TOKYO — A Japanese life insurer agreed to buy a U.S. annuity provider for $5 billion, its largest overseas acquisition, as its home market shrinks.',
      'The insurer said it expected the deal to close next year once regulators in Japan, the United States, Bermuda and Australia approve it.',
    ].join('\n\n');
    expect(topicsOf('Japanese insurer to buy U.S. annuity firm for $5 billion', body)).toEqual([]);
  });

  it('Japanese-language false friends: electricity price plans, a G7 meeting, VFX', () => {
    expect(topicsOf('電気料金プラン、時間帯別が拡大', '新電力各社は時間帯別の料金プランを拡大している。託送料金の上昇で値上げする会社もある。')).toEqual([]);
    expect(topicsOf('G7デジタル相会合が閉幕', '主要7カ国（G7）のデジタル・技術相会合が閉幕した。AIの安全確保に向けた取り組みを続けることで一致した。')).toEqual([]);
    expect(topicsOf('国内のVFX制作会社、海外から受注', '国内のVFX制作会社に海外の映画会社から受注が相次いでいる。人材の確保が課題だ。')).toEqual([]);
  });
});

describe('default topics: real stories', () => {
  it('US–Japan tariff talks carry us-japan and tariffs', () => {
    const body = [
      'WASHINGTON — Japan’s chief trade negotiator met the U.S. Commerce Secretary on Thursday for a fourth round of tariff talks, pressing Washington to lower the 25% duty on Japanese cars.',
      'Both sides said the talks had been constructive but that no deal was ready.',
    ].join('\n\n');
    expect(topicsOf('Japan presses U.S. on car tariffs in fourth round of talks', body)).toEqual(['tariffs', 'us-japan']);
  });

  it('a G20 finance meeting carries g20, and yen intervention talk there fx too', () => {
    const body = [
      'RIO DE JANEIRO — Finance ministers and central bank governors of the Group of 20 opened two days of talks on Wednesday.',
      'Japan’s finance minister told reporters on the sidelines of the G20 meeting that he was watching the yen’s sharp fall against the dollar with a high sense of urgency and did not rule out intervention in the currency market.',
    ].join('\n\n');
    expect(topicsOf('G20 finance chiefs meet as yen slide tests Tokyo', body)).toEqual(['fx', 'g20']);
  });

  it('US pressure on the yen carries us-japan and fx', () => {
    const body = [
      'TOKYO — The U.S. Treasury said in its currency report that Japan had intervened transparently to support the yen, and kept Japan on its monitoring list of trading partners.',
      'The yen rose 0.4% against the dollar after the report.',
    ].join('\n\n');
    expect(topicsOf('U.S. keeps Japan on currency watch list, calls yen intervention transparent', body)).toEqual(['fx', 'us-japan']);
  });

  it('China’s ban on Japanese seafood imports is a trade barrier', () => {
    expect(topicsOf('China halts imports of Japanese seafood', 'BEIJING — China said it was suspending imports of Japanese seafood again, weeks after partly lifting an earlier ban.\n\nTokyo urged Beijing to resume trade.')).toEqual(['tariffs']);
  });

  it('a tariff on imported meters, or steel tariffs that raise power bills, is still a trade story', () => {
    const meters = [
      'CANBERRA — The government will put a 10% tariff on imported electricity meters from January to protect two local makers, the industry minister said.',
      'Energy retailers said the duty would add about A$15 to the cost of each smart meter installed in homes.',
    ].join('\n\n');
    expect(topicsOf('Electricity meter imports face 10% tariff', meters)).toEqual(['tariffs']);
    const steel = [
      'PITTSBURGH — Higher steel tariffs are feeding through to household power bills, utilities told regulators, because transmission towers and transformers cost more to build.',
      'Tariffs on imported steel were raised to 50% in June.',
    ].join('\n\n');
    expect(topicsOf('Steel tariffs push up power bills, utilities say', steel)).toEqual(['tariffs']);
    // energy in the headline, no trade word but the country the tariff is on
    const solar = 'BRUSSELS — The European Commission is weighing tariffs on Chinese wind turbines, officials said, a step that could raise the cost of new energy projects.\n\nEuropean makers say their rivals are subsidised.';
    expect(topicsOf('EU weighs tariffs on Chinese wind turbines as energy costs bite', solar)).toEqual(['tariffs']);
  });

  it('an import suspension (輸入手続きを停止) is a trade barrier', () => {
    const body = '中国当局が日本産の牛肉の輸入手続きを停止したことが分かった。再開に向けた協議は止まった形だ。\n\n業界団体は「輸出先を広げるしかない」と話した。';
    expect(topicsOf('中国、日本産牛肉の輸入手続きを停止', body)).toEqual(['tariffs']);
  });

  it('Japan’s negotiator holding talks in Washington is US–Japan; ministers of the Group of Seven meeting there are not', () => {
    const talks = [
      'WASHINGTON — Japan’s top trade envoy ended a second round of talks in Washington on Tuesday with no deal on cars, saying both sides still had work to do.',
      'He is due back next month.',
    ].join('\n\n');
    expect(topicsOf('Envoy ends second round without a car deal', talks)).toContain('us-japan');
    const g7 = [
      'WASHINGTON — Finance ministers of the Group of Seven, Japan’s among them, held talks in Washington on Friday on debt relief for poor countries.',
      'They agreed to meet again in the autumn.',
    ].join('\n\n');
    expect(topicsOf('Seven finance ministers discuss debt relief', g7)).toEqual([]);
  });

  it('Japanese-language stories: 日米関税交渉, 為替介入, G20', () => {
    expect(topicsOf('日米関税交渉が合意　自動車関税15%', '日米両政府は関税交渉で合意した。日本車への追加関税は15%に引き下げられる。')).toEqual(['tariffs', 'us-japan']);
    expect(topicsOf('政府・日銀が為替介入　円安進行で', '財務省は外国為替市場で円買い介入を実施したと発表した。円相場は1ドル＝160円台まで下落していた。')).toEqual(['fx']);
    expect(topicsOf('G20財務相会議が開幕', '主要20カ国・地域（G20）財務相・中央銀行総裁会議が開幕した。世界経済の下振れリスクを議論する。')).toEqual(['g20']);
  });
});

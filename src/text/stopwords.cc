#include "text/stopwords.h"

#include <string>
#include <unordered_map>
#include <unordered_set>

namespace tidings::text {
namespace {

// Space-separated lists, written for Tidings: articles, pronouns,
// prepositions, conjunctions, auxiliaries and very common adverbs.
constexpr std::string_view kEnglish =
    "a about above after again against all also am an and any are aren't as "
    "at be because been before being below between both but by can can't "
    "cannot could couldn't did didn't do does doesn't doing don't down "
    "during each few for from further had hadn't has hasn't have haven't "
    "having he he'd he'll he's her here here's hers herself him himself his "
    "how how's i i'd i'll i'm i've if in into is isn't it it's its itself "
    "just let's me more most mustn't my myself no nor not now of off on once "
    "only or other ought our ours ourselves out over own same shan't she "
    "she'd she'll she's should shouldn't so some such than that that's the "
    "their theirs them themselves then there there's these they they'd "
    "they'll they're they've this those through to too under until up upon "
    "us very was wasn't we we'd we'll we're we've were weren't what what's "
    "when when's where where's which while who who's whom why why's will "
    "with won't would wouldn't you you'd you'll you're you've your yours "
    "yourself yourselves said says say also may might must shall via yet "
    "s t";

constexpr std::string_view kGerman =
    "aber alle allem allen aller alles als also am an ander andere anderem "
    "anderen anderer anderes anders auch auf aus bei bin bis bist da damit "
    "dann das dass dasselbe dazu dein deine deinem deinen deiner dem demselben "
    "den denn denselben der derer derselbe derselben des desselben dessen "
    "dich die dies diese dieselbe dieselben diesem diesen dieser dieses dir "
    "doch dort du durch ein eine einem einen einer eines einig einige einigem "
    "einigen einiger einiges einmal er es etwas euch euer eure eurem euren "
    "eurer für gegen gewesen hab habe haben hat hatte hatten hier hin hinter "
    "ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist "
    "jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann "
    "kein keine keinem keinen keiner keines können könnte machen man manche "
    "manchem manchen mancher manches mein meine meinem meinen meiner meines "
    "mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne "
    "sehr sein seine seinem seinen seiner seines selbst sich sie sind so "
    "solche solchem solchen solcher solches soll sollte sondern sonst über "
    "um und uns unser unsere unserem unseren unserer unseres unter viel vom "
    "von vor während war waren warst was weg weil weiter welche welchem "
    "welchen welcher welches wenn werde werden wie wieder will wir wird "
    "wirst wo wollen wollte würde würden zu zum zur zwar zwischen";

constexpr std::string_view kFrench =
    "au aux avec ce ces dans de des du elle en et eux il ils je la le les "
    "leur leurs lui ma mais me même mes moi mon ne nos notre nous on ou où "
    "par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une "
    "vos votre vous c d j l à m n s t y été étée étées étés étant suis es "
    "est sommes êtes sont serai seras sera serons serez seront serais serait "
    "serions seriez seraient étais était étions étiez étaient fus fut "
    "fûmes fûtes furent sois soit soyons soyez soient ai as avons avez ont "
    "aurai auras aura aurons aurez auront aurais aurait avions aviez "
    "avaient eut eus eûmes eurent ayant eu cette cet celui celle ceux "
    "celles ceci cela ça plus aussi comme dont si tout tous toute toutes "
    "alors donc car ni sans sous entre vers chez très bien peu après avant "
    "depuis lors déjà encore c'est qu'il d'un d'une l'on";

constexpr std::string_view kSpanish =
    "a al algo algunas algunos ante antes como con contra cual cuando de del "
    "desde donde durante e el ella ellas ellos en entre era erais eran eras "
    "eres es esa esas ese eso esos esta estaba estado estamos estar estas "
    "este esto estos está están fue fueron fui fuimos ha haber había habían "
    "han has hasta hay he la las le les lo los me mi mis mucho muchos muy "
    "más nada ni no nos nosotros o os otra otras otro otros para pero poco "
    "por porque que quien quienes qué se sea ser será sido sin sobre son su "
    "sus también tanto te tiene tienen todo todos tu tus tú un una uno unos "
    "vosotros y ya yo él ésta éste sí según cada así";

constexpr std::string_view kItalian =
    "a ad agli ai al alla alle allo anche avere aveva avevano c che chi ci "
    "coi col come con contro cui da dagli dai dal dalla dalle dallo degli "
    "dei del della delle dello di dove e ed era erano essere gli ha hanno ho "
    "i il in io l la le lei li lo loro lui ma mi mio molto ne negli nei nel "
    "nella nelle nello noi non nostra nostro o per perché più quale quando "
    "quella quelle quelli quello questa queste questi questo se sei si sia "
    "siamo sono sta stata stati stato su sua sue sui sul sulla sulle suo "
    "suoi ti tra tu tutti tutto un una uno vi voi è anche già ancora poi "
    "dopo fra così essere stato dell all nell sull dall";

constexpr std::string_view kPortuguese =
    "a ao aos aquela aquelas aquele aqueles aquilo as até com como da das de "
    "dela delas dele deles depois do dos e ela elas ele eles em entre era "
    "eram essa essas esse esses esta estas este estes eu foi foram há isso "
    "isto já lhe lhes mais mas me mesmo meu meus minha minhas muito na nas "
    "nem no nos nossa nossas nosso nossos num numa não nós o os ou para pela "
    "pelas pelo pelos por qual quando que quem se sem ser será seu seus só "
    "sua suas também te tem têm ter seu tu tua tuas um uma umas uns você "
    "vocês à às é está estão são sobre ainda após";

constexpr std::string_view kDutch =
    "aan al alles als altijd andere ben bij daar dan dat de der deze die dit "
    "doch doen door dus een eens en er ge geen geweest haar had heb hebben "
    "heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen "
    "maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat "
    "onder ons ook op over reeds te tegen toch toen tot u uit uw van veel "
    "voor want waren was wat werd wezen wie wil worden wordt zal ze zelf zich "
    "zij zijn zo zonder zou";

constexpr std::string_view kSwedish =
    "och det att i en jag hon som han på den med var sig för så till är men "
    "ett om hade de av icke mig du henne då sin nu har inte hans honom skulle "
    "hennes där min man ej vid kunde något från ut när efter upp vi dem vara "
    "vad över än dig kan sina här ha mot alla under någon eller allt mycket "
    "sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss "
    "din dessa några deras blir mina samma vilken er sådan vår blivit dess "
    "inom mellan sådant varför varje vilka ditt vem vilket sitta sådana "
    "vart dina vars vårt våra ert era vilkas";

constexpr std::string_view kDanishNorwegian =
    "og i jeg det at en den til er som på de med han av af for ikke der var "
    "meg mig seg sig men et har om vi min mitt ha hadde havde hun nå nu over "
    "da ved fra du ut ud sin dem oss os opp op man kan hans hvor eller hva "
    "hvad skal selv her alle vil bli blive ble blev kunne inn ind når være "
    "været kom noen nogen noe noget ville dere jer som deres kun ja etter "
    "efter ned skulle denne dette mot mod disse sine sitt sit mye meget hvis "
    "hvilke hvem mange også";

constexpr std::string_view kPolish =
    "a aby ale bardzo bez bo był była było były być będzie co czy dla do gdy "
    "gdzie go i ich im jak jako jest jego jej jeszcze już ja ją je jeden "
    "jednak kiedy kto który która które którzy ma mi między mnie może na nad "
    "nie nich nim niż o od oraz po pod przez przy się są ta tak także tam te "
    "tego tej ten to tu tych tylko też w we więc z za ze że żeby";

constexpr std::string_view kRussian =
    "и в во не что он на я с со как а то все она так его но да ты к у же вы "
    "за бы по только ее её мне было вот от меня еще ещё нет о из ему теперь "
    "когда даже ну вдруг ли если уже или ни быть был него до вас нибудь "
    "опять уж вам ведь там потом себя ничего ей может они тут где есть надо "
    "ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под "
    "будет ж тогда кто этот того потому этого какой совсем ним здесь этом "
    "один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно "
    "при наконец два об другой хоть после над больше тот через эти нас про "
    "всего них какая много разве три эту моя впрочем хорошо свою этой перед "
    "иногда лучше чуть том нельзя такой им более всегда конечно всю между";

using StopSet = std::unordered_set<std::string_view>;

StopSet Split(std::string_view list) {
  StopSet set;
  size_t i = 0;
  while (i < list.size()) {
    size_t j = list.find(' ', i);
    if (j == std::string_view::npos) j = list.size();
    if (j > i) set.insert(list.substr(i, j - i));
    i = j + 1;
  }
  return set;
}

const std::unordered_map<std::string_view, StopSet>& Lists() {
  static const auto* lists = new std::unordered_map<std::string_view, StopSet>{
      {"en", Split(kEnglish)},         {"de", Split(kGerman)},
      {"fr", Split(kFrench)},          {"es", Split(kSpanish)},
      {"it", Split(kItalian)},         {"pt", Split(kPortuguese)},
      {"nl", Split(kDutch)},           {"sv", Split(kSwedish)},
      {"da", Split(kDanishNorwegian)}, {"no", Split(kDanishNorwegian)},
      {"nb", Split(kDanishNorwegian)}, {"pl", Split(kPolish)},
      {"ru", Split(kRussian)},
  };
  return *lists;
}

const StopSet* Find(std::string_view lang) {
  size_t dash = lang.find_first_of("-_");
  if (dash != std::string_view::npos) lang = lang.substr(0, dash);
  if (lang.size() != 2) return nullptr;
  std::string lower(lang);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  const auto& lists = Lists();
  auto it = lists.find(lower);
  return it == lists.end() ? nullptr : &it->second;
}

}  // namespace

bool IsStopWord(std::string_view lang, std::string_view word) {
  const StopSet* set = Find(lang);
  return set != nullptr && set->count(word) > 0;
}

bool HasStopWords(std::string_view lang) { return Find(lang) != nullptr; }

}  // namespace tidings::text

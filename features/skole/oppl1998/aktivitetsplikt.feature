# language: no
@skole @oppl1998
Egenskap: Aktivitetsplikta – opplæringslova 1998 § 9 A-4
  For hendingar frå 2017-08-01 til 2024-07-31 gjeld opplæringslova 1998 kapittel 9 A. Alle som
  arbeider på skolen, skal følgje med og gripe inn, og «varsle» rektor ved mistanke eller kjennskap
  (andre ledd); skolen skal «snarast undersøkje saka» (tredje ledd); når ein elev seier at
  skolemiljøet ikkje er trygt og godt, eller ei undersøking viser det, skal skolen sørgje for at
  eleven får det (fjerde ledd); dei involverte elevane skal høyrast (femte ledd); og skolen skal
  dokumentere det som blir gjort (sjuande ledd).

  Regel: SCH-01 Alle som arbeider på skolen, følger med

    Scenario: Læreren fanger opp bekymringen høsten 2023
      Gitt en skolesak med en bekymring 2023-10-02
      Når læreren melder fra til rektor 2023-10-02
      Så vurderes plikten "monitor" som oppfylt
      Og hjemmelen for "monitor" er «opplæringslova (1998) § 9 A-4 første ledd»

  Regel: SCH-03 Den som får mistanke eller kjennskap, varsler rektor

    Scenario: Læreren varsler rektor dagen etter
      Gitt en skolesak med en bekymring 2023-10-02
      Når læreren melder fra til rektor 2023-10-03
      Så vurderes plikten "report_to_principal" som oppfylt
      Og hjemmelen for "report_to_principal" er «opplæringslova (1998) § 9 A-4 andre ledd»

    Scenario: Læreren venter tre uker med å varsle rektor
      Gitt en skolesak med en bekymring 2023-10-02
      Når læreren melder fra til rektor 2023-10-23
      Så vurderes plikten "report_to_principal" som brudd
      Og hjemmelen for "report_to_principal" nevner «§ 9 A-4»
      Og hjemmelen for "report_to_principal" nevner ikke «§ 12-4»

  Regel: SCH-05 Skolen undersøker snarest etter at rektor fikk vite om saken

    Scenario: Rektor starter undersøkelsen samme dag som hun blir varslet – selv om varselet kom sent
      Gitt en skolesak med en bekymring 2023-10-02
      Når læreren melder fra til rektor 2023-10-23
      Og rektor starter undersøkelsen 2023-10-23
      Så vurderes plikten "investigate" som oppfylt
      Og hjemmelen for "investigate" er «opplæringslova (1998) § 9 A-4 tredje ledd»

    Scenario: Undersøkelsen starter først tre uker etter varselet
      Gitt en skolesak med en bekymring 2023-10-02
      Og læreren melder fra til rektor 2023-10-02
      Når rektor starter undersøkelsen 2023-10-23
      Så vurderes plikten "investigate" som brudd

  Regel: SCH-04 Når eleven sier at skolemiljøet ikke er trygt og godt, skal skolen sette inn tiltak

    Scenario: Undersøkelsen konkluderer med «trygt», men eleven sier noe annet
      Gitt en skolesak med en bekymring 2023-10-02
      Og læreren melder fra til rektor 2023-10-02
      Og rektor starter undersøkelsen 2023-10-03
      Og eleven blir hørt 2023-10-03 og sier at han ikke har det trygt og godt
      Når rektor konkluderer undersøkelsen 2023-10-05 med at eleven har det trygt og godt
      Og tilsynet vurderer saken 2023-11-20
      Så vurderes plikten "measures" som brudd
      Og hjemmelen for "measures" er «opplæringslova (1998) § 9 A-4 fjerde ledd»

  Regel: SCH-14 De involverte elevene høres, og elevens beste er et grunnleggende hensyn

    Scenario: Skolen konkluderer uten å ha hørt eleven
      Gitt en skolesak med en bekymring 2023-10-02
      Og læreren melder fra til rektor 2023-10-02
      Og rektor starter undersøkelsen 2023-10-03
      Og rektor snakker med foreldrene 2023-10-03
      Når rektor konkluderer undersøkelsen 2023-10-05 med at eleven har det trygt og godt
      Så vurderes plikten "hear_child" som brudd
      Og hjemmelen for "hear_child" er «opplæringslova (1998) § 9 A-4 femte ledd»

  Regel: SCH-15 Skolen dokumenterer det som gjøres

    Scenario: Undersøkelsen konkluderes uten dokumenterte samtaler
      Gitt en skolesak med en bekymring 2023-10-02
      Og læreren melder fra til rektor 2023-10-02
      Og rektor starter undersøkelsen 2023-10-03
      Når rektor konkluderer undersøkelsen 2023-10-05 med at eleven har det trygt og godt
      Så vurderes plikten "document" som brudd
      Og hjemmelen for "document" er «opplæringslova (1998) § 9 A-4 sjuende ledd»

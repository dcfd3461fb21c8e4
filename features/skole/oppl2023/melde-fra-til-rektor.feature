# language: no
@skole @oppl2023
Egenskap: Melde frå til rektor – opplæringslova § 12-4 andre ledd
  «Alle som arbeider på skolen, skal melde frå til rektor dersom dei får mistanke om eller
  kjennskap til at ein elev ikkje har eit trygt og godt skolemiljø. Det gjeld også når ein elev
  seier sjølv at ho eller han ikkje har det trygt og godt.»

  Loven setter ingen fast frist. Kommunens lokale frist (én skoledag) er en innstilling: å gå
  over den gir en advarsel, ikke et lovbrudd. En forsinkelse klart utover det saken tillot
  (mer enn fem arbeidsdager) er brudd på plikten til å melde fra.

  Regel: SCH-03 Den som får mistanke eller kjennskap, melder fra til rektor så raskt som saken krever

    Scenario: Læreren melder fra dagen etter
      Gitt en skolesak med en bekymring 2025-09-01
      Når læreren melder fra til rektor 2025-09-02
      Så vurderes plikten "report_to_principal" som oppfylt
      Og hjemmelen for "report_to_principal" er «opplæringslova § 12-4 andre ledd»

    Scenario: Læreren venter nesten tre uker med å melde fra
      Gitt en skolesak med en bekymring 2025-09-01
      Når læreren melder fra til rektor 2025-09-19
      Så vurderes plikten "report_to_principal" som brudd
      Og hjemmelen for "report_to_principal" nevner «§ 12-4»
      Og begrunnelsen for "report_to_principal" nevner «klart senere enn saken tillot»

    Scenariomal: Hvor lenge meldingen til rektor kan vente
      Gitt en skolesak med en bekymring 2025-09-01
      Når bekymringen meldes til rektor <dager> arbeidsdager senere
      Så vurderes plikten "report_to_principal" som <vurdering>

      Eksempler:
        | dager | vurdering | forklaring                                         |
        | 0     | oppfylt   | samme dag                                          |
        | 1     | oppfylt   | innen den lokale fristen på én skoledag            |
        | 3     | advarsel  | over den lokale fristen, men ikke klart for sent   |
        | 5     | advarsel  | fem arbeidsdager er ennå ikke klart for sent       |
        | 6     | brudd     | klart utover det saken tillot                      |
        | 15    | brudd     | tre uker                                           |

    Scenario: Rektor får selv vite om saken
      Gitt en skolesak der rektor selv får en bekymring 2025-09-01
      Så vurderes plikten "report_to_principal" som oppfylt

    Scenario: Ingen melder fra, og fristen er ikke ute ennå
      Gitt en skolesak med en bekymring 2025-09-01
      Når tilsynet vurderer saken 2025-09-01
      Så vurderes plikten "report_to_principal" som ikke vurderbar

    Scenario: Ingen melder fra, og saken blir liggende
      Gitt en skolesak med en bekymring 2025-09-01
      Når tilsynet vurderer saken 2025-10-01
      Så vurderes plikten "report_to_principal" som brudd

  Regel: SCH-04 Når eleven selv sier fra, er det kjennskap som utløser plikten til å melde fra

    Scenario: Eleven sier selv at hun ikke har det trygt og godt, og læreren venter to uker
      Gitt en skolesak der eleven selv sier fra 2025-09-01
      Når læreren melder fra til rektor 2025-09-15
      Så vurderes plikten "report_to_principal" som brudd
      Og hjemmelen for "report_to_principal" nevner «§ 12-4 andre ledd»

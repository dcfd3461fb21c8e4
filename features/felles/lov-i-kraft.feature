# language: no
@felles
Egenskap: Loven som gjaldt på dagen – opplæringslova 2023 § 12-4, opplæringslova 1998 § 9 A-4 og barnehageloven § 42
  Hver hendelse vurderes etter loven som gjaldt den dagen den skjedde: for skole, SFO og
  leksehjelp opplæringslova 1998 kapittel 9 A fra 2017-08-01 til 2024-07-31 og opplæringslova 2023
  kapittel 12 fra 2024-08-01; for barnehager barnehageloven kapittel VIII fra 2021-01-01. En sak som
  går over 2024-08-01, vurderes etter begge lovene – hver plikt etter loven på dagen for bevisene.

  Regel: ALL-01 Hendelsen vurderes etter loven som gjaldt på hendelsens dato

    @overgang
    Scenariomal: En <sak> med en hendelse <dato> vurderes etter <lov>
      Så gjelder «<lov>» for en <sak> med en hendelse <dato>

      Eksempler:
        | sak          | dato       | lov                                  |
        | skolesak     | 2017-08-01 | opplæringslova (1998) kapittel 9 A   |
        | skolesak     | 2024-07-31 | opplæringslova (1998) kapittel 9 A   |
        | skolesak     | 2024-08-01 | opplæringslova kapittel 12           |
        | skolesak     | 2026-01-05 | opplæringslova kapittel 12           |
        | SFO-sak      | 2024-07-31 | opplæringslova (1998) kapittel 9 A   |
        | SFO-sak      | 2024-08-01 | opplæringslova kapittel 12           |
        | barnehagesak | 2021-01-01 | barnehageloven kapittel VIII         |
        | barnehagesak | 2025-09-01 | barnehageloven kapittel VIII         |

    Scenariomal: Før kapitlet trådte i kraft har actionloop ingen arbeidsflyt for en <sak> <dato>
      Så gjelder ingen arbeidsflyt for en <sak> med en hendelse <dato>

      Eksempler:
        | sak          | dato       |
        | skolesak     | 2017-07-31 |
        | barnehagesak | 2020-12-31 |

    @overgang @oppl1998 @oppl2023
    Scenario: En sak som går over 2024-08-01 vurderes etter begge lovene
      Gitt en skolesak med en bekymring 2024-06-03
      Og læreren melder fra til rektor 2024-06-19
      Og rektor starter undersøkelsen 2024-06-19
      Og eleven blir hørt 2024-06-19 og sier at han ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2024-06-20 med at eleven ikke har det trygt og godt
      Når skolen lager en plan 2024-08-19
      Men planen sier ikke hvem som skal gjennomføre tiltakene
      Så vurderes plikten "report_to_principal" som brudd
      Og hjemmelen for "report_to_principal" er «opplæringslova (1998) § 9 A-4 andre ledd»
      Og plikten "written_plan" vurderes som brudd
      Og hjemmelen for "written_plan" er «opplæringslova § 12-4 tredje ledd»
      Og begrunnelsen for "written_plan" nevner «mangler hvem som skal gjennomføre dem»

    @overgang @oppl1998 @oppl2023
    Scenario: En plan fra våren 2024 med ansvarlig, men uten utfører, holdt etter den gamle loven
      Gitt en skolesak med en bekymring 2024-06-03
      Og læreren melder fra til rektor 2024-06-03
      Og rektor starter undersøkelsen 2024-06-04
      Og eleven blir hørt 2024-06-04 og sier at han ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2024-06-05 med at eleven ikke har det trygt og godt
      Når skolen lager en plan 2024-06-06
      Men planen sier ikke hvem som skal gjennomføre tiltakene
      Så vurderes plikten "written_plan" som oppfylt
      Og hjemmelen for "written_plan" er «opplæringslova (1998) § 9 A-4 sjette ledd»

    @overgang @oppl1998 @oppl2023
    Scenario: En plan fra våren 2024 revideres etter 2024-08-01 – den nye versjonen må si hvem som gjennomfører
      Gitt en skolesak med en bekymring 2024-06-03
      Og læreren melder fra til rektor 2024-06-03
      Og rektor starter undersøkelsen 2024-06-04
      Og eleven blir hørt 2024-06-04 og sier at han ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2024-06-05 med at eleven ikke har det trygt og godt
      Og skolen lager en plan 2024-06-06
      Men planen sier ikke hvem som skal gjennomføre tiltakene
      Når skolen lager en ny plan 2024-08-19
      Men planen sier ikke hvem som skal gjennomføre tiltakene
      Så vurderes plikten "written_plan" som brudd
      Og hjemmelen for "written_plan" er «opplæringslova § 12-4 tredje ledd»
      Og begrunnelsen for "written_plan" nevner «versjon 2: tiltak m1, m2, m3 mangler hvem som skal gjennomføre dem»
      Og begrunnelsen for "written_plan" nevner ikke «versjon 1»

    @sfo @oppl2023
    Scenario: En SFO-sak følger skolens regler og meldes til rektor
      Gitt en SFO-sak med en bekymring 2025-09-01
      Når assistenten melder fra til rektor 2025-09-19
      Så vurderes plikten "report_to_principal" som brudd
      Og hjemmelen for "report_to_principal" er «opplæringslova § 12-4 andre ledd»

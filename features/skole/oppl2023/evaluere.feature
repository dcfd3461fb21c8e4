# language: no
@skole @oppl2023
Egenskap: Evaluere tiltaka – opplæringslova § 12-4 tredje ledd
  Planen skal seie «når tiltaka skal evaluerast». Skolen evaluerer på datoane i planen, saman
  med eleven, og justerer planen når evalueringa viser at det trengst.

  Kommunens lokale slingringsmonn er to skoledager etter datoen i planen; mer enn ti skoledager
  er brudd.

  Bakgrunn:
    Gitt en skolesak med en bekymring 2025-09-01
    Og læreren melder fra til rektor 2025-09-01
    Og rektor starter undersøkelsen 2025-09-02
    Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
    Og rektor konkluderer undersøkelsen 2025-09-03 med at eleven ikke har det trygt og godt

  Regel: SCH-09 Tiltakene evalueres på datoene i planen, og planen justeres når evalueringen sier det

    Scenario: Skolen evaluerer på begge datoene i planen
      Gitt skolen lager en plan 2025-09-04 med evaluering 2025-09-19 og 2025-10-03
      Når tiltakene evalueres 2025-09-19, eleven sier at hun er usikker og utfallet er «fortsette»
      Og tiltakene evalueres 2025-10-03, eleven sier at hun har det trygt og godt og utfallet er «fortsette»
      Så vurderes plikten "evaluate" som oppfylt
      Og hjemmelen for "evaluate" er «opplæringslova § 12-4 tredje ledd»

    Scenariomal: Evalueringen planlagt fredag 2025-09-19 blir gjort <dag>
      Gitt skolen lager en plan 2025-09-04 med evaluering 2025-09-19
      Når tiltakene evalueres <dag>, eleven sier at hun har det trygt og godt og utfallet er «fortsette»
      Så vurderes plikten "evaluate" som <vurdering>

      Eksempler:
        | dag        | vurdering | forklaring                               |
        | 2025-09-19 | oppfylt   | på dagen                                 |
        | 2025-09-23 | oppfylt   | to skoledager etter – lokalt slingringsmonn |
        | 2025-09-24 | advarsel  | tre skoledager etter                     |
        | 2025-10-06 | brudd     | elleve skoledager etter                  |

    Scenario: Saken avsluttes uten at tiltakene ble evaluert på datoen i planen
      Gitt skolen lager en plan 2025-09-04 med evaluering 2025-09-19
      Når saken avsluttes 2025-10-01 mens eleven sier at hun har det trygt og godt
      Så vurderes plikten "evaluate" som brudd
      Og begrunnelsen for "evaluate" nevner «planlagt 2025-09-19 er ikke gjort»

    Scenario: Evalueringen sier at planen skal justeres, men ingen ny plan kommer
      Gitt skolen lager en plan 2025-09-04 med evaluering 2025-09-19
      Når tiltakene evalueres 2025-09-19, eleven sier at hun er usikker og utfallet er «justere»
      Og saken avsluttes 2025-10-10 mens eleven sier at hun har det trygt og godt
      Så vurderes plikten "evaluate" som brudd
      Og begrunnelsen for "evaluate" nevner «ingen ny plan fulgte»

    Scenario: Evalueringen sier at planen skal justeres, og ny plan kommer straks
      Gitt skolen lager en plan 2025-09-04 med evaluering 2025-09-19
      Når tiltakene evalueres 2025-09-19, eleven sier at hun er usikker og utfallet er «justere»
      Og skolen lager en ny plan 2025-09-22 med evaluering 2025-10-06
      Og tiltakene evalueres 2025-10-06, eleven sier at hun har det trygt og godt og utfallet er «fortsette»
      Så vurderes plikten "evaluate" som oppfylt

  Regel: ALL-02 Ei sak blir ikkje avslutta før tiltaka er evaluerte (produktregel)

    Scenario: Saken avsluttes før første evalueringsdato, uten noen evaluering
      Gitt skolen lager en plan 2025-09-04 med evaluering 2025-09-25
      Når saken avsluttes 2025-09-10 mens eleven sier at hun har det trygt og godt
      Så vurderes plikten "evaluate" som advarsel
      Og begrunnelsen for "evaluate" nevner «før tiltakene var evaluert»

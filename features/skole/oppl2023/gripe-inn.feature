# language: no
@skole @oppl2023
Egenskap: Gripe inn – opplæringslova § 12-4 første ledd
  «Alle som arbeider på skolen, skal […] om mogleg gripe inn dersom nokon krenkjer ein elev.»

  Plikten utløses når en ansatt ser en krenkelse mens den skjer, og gjelder med en gang.

  Regel: SCH-02 Den som ser en krenkelse skje, griper inn om mulig – med en gang

    Scenario: En ansatt ser at eleven blir krenket og griper inn med en gang
      Gitt en skolesak der en ansatt ser at eleven blir krenket 2025-09-01 kl. 10:15
      Når en ansatt griper inn 2025-09-01 kl. 10:16
      Så vurderes plikten "intervene" som oppfylt
      Og hjemmelen for "intervene" er «opplæringslova § 12-4 første ledd»

    Scenario: En ansatt ser at eleven blir krenket, men ingen griper inn
      Gitt en skolesak der en ansatt ser at eleven blir krenket 2025-09-01 kl. 10:15
      Når læreren melder fra til rektor 2025-09-01 kl. 14:00
      Så vurderes plikten "intervene" som brudd
      Og begrunnelsen for "intervene" nevner «viser ikke at noen grep inn»

    Scenario: Ingen krenkelse ble sett mens den skjedde
      Gitt en skolesak med en bekymring 2025-09-01
      Når læreren melder fra til rektor 2025-09-01
      Så vurderes plikten "intervene" som ikke aktuell

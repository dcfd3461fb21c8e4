# language: no
@skole @oppl2023
Egenskap: Rette opp situasjonen med eigna tiltak – opplæringslova § 12-4 andre ledd
  «Skolen skal […] rette opp situasjonen med eigna tiltak.»

  Plikten gjelder så lenge eleven ikke har det trygt og godt. Kommunens lokale frist fra behovet
  er kjent til tiltakene er på plass er fem skoledager; mer enn femten skoledager er brudd.

  Bakgrunn:
    Gitt en skolesak med en bekymring 2025-09-01
    Og læreren melder fra til rektor 2025-09-01
    Og rektor starter undersøkelsen 2025-09-02
    Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
    Og rektor konkluderer undersøkelsen 2025-09-03 med at eleven ikke har det trygt og godt

  Regel: SCH-06 Viser undersøkelsen – eller sier eleven – at hun ikke har det trygt og godt, setter skolen inn egnede tiltak

    Scenario: Tiltakene kommer på plass dagen etter konklusjonen
      Når skolen lager en plan 2025-09-04
      Så vurderes plikten "measures" som oppfylt
      Og hjemmelen for "measures" er «opplæringslova § 12-4 andre ledd»

    Scenario: Tiltakene kommer først åtte skoledager etter at behovet var kjent
      Når skolen lager en plan 2025-09-11
      Så vurderes plikten "measures" som advarsel

    Scenario: Ingen tiltak seks uker etter at behovet var kjent
      Når tilsynet vurderer saken 2025-10-15
      Så vurderes plikten "measures" som brudd
      Og begrunnelsen for "measures" nevner «ingen tiltak er satt inn»

  Regel: ALL-02 Tiltakene varer så lenge eleven ikke har det trygt og godt – saken avsluttes ikke før hun selv sier at hun har det bra

    Scenario: Saken avsluttes når eleven selv sier at hun har det trygt og godt
      Gitt skolen lager en plan 2025-09-04 med evaluering 2025-09-18
      Og tiltakene gjennomføres 2025-09-17
      Når tiltakene evalueres 2025-09-18, eleven sier at hun har det trygt og godt og utfallet er «avslutte»
      Og saken avsluttes 2025-09-18 mens eleven sier at hun har det trygt og godt
      Så vurderes plikten "measures" som oppfylt

    Scenario: Skolen avslutter saken mens eleven sier at hun ikke har det trygt og godt
      Gitt skolen lager en plan 2025-09-04 med evaluering 2025-09-18
      Og tiltakene gjennomføres 2025-09-17
      Når saken avsluttes 2025-09-18 mens eleven sier at hun ikke har det trygt og godt
      Så vurderes plikten "measures" som brudd
      Og begrunnelsen for "measures" nevner «avsluttet 2025-09-18 mens barnet sa at det ikke hadde det trygt og godt»

    Scenario: Eleven sier ved evalueringen at hun ikke har det bra, men planen blir stående uendret
      Gitt skolen lager en plan 2025-09-04 med evaluering 2025-09-18
      Når tiltakene evalueres 2025-09-18, eleven sier at hun ikke har det trygt og godt og utfallet er «fortsette»
      Og tilsynet vurderer saken 2025-11-03
      Så vurderes plikten "measures" som brudd
      Og begrunnelsen for "measures" nevner «planen ble ikke justert»

    Scenario: Eleven sier ved evalueringen at hun ikke har det bra, og skolen lager en ny plan
      Gitt skolen lager en plan 2025-09-04 med evaluering 2025-09-18
      Når tiltakene evalueres 2025-09-18, eleven sier at hun ikke har det trygt og godt og utfallet er «justere»
      Og skolen lager en ny plan 2025-09-22 med evaluering 2025-10-06
      Og tiltakene evalueres 2025-10-06, eleven sier at hun har det trygt og godt og utfallet er «fortsette»
      Så vurderes plikten "measures" som oppfylt

    Scenario: Skolen avslutter mens eleven er usikker
      Gitt skolen lager en plan 2025-09-04 med evaluering 2025-09-18
      Og tiltakene gjennomføres 2025-09-17
      Når tiltakene evalueres 2025-09-18, eleven sier at hun er usikker og utfallet er «avslutte»
      Og saken avsluttes 2025-09-18
      Så vurderes plikten "measures" som advarsel
      Og begrunnelsen for "measures" nevner «syn ved avslutningen er ikke klart»

  Regel: SCH-22 Når eleven slutter på skolen, slutter skolens plikt for eleven

    Scenario: Eleven begynner på en annen skole før evalueringsdatoen
      Gitt skolen lager en plan 2025-09-04 med evaluering 2025-09-25
      Når eleven slutter på skolen 2025-09-19
      Så vurderes plikten "measures" som oppfylt
      Og plikten "evaluate" vurderes som ikke vurderbar

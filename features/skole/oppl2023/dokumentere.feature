# language: no
@skole @oppl2023
Egenskap: Dokumentere – opplæringslova § 12-4 fjerde ledd
  «Skolen skal dokumentere kva som blir gjort for å oppfylle aktivitetsplikta etter første til
  andre ledd, i den forma og det omfanget som er nødvendig.»

  Saksloggen er skolens viktigste bevis. Den skal vise hva bekymringen gjaldt, hvem som ble hørt
  i undersøkelsen, hva som ble gjort av tiltak og barnets syn når saken avsluttes.

  Regel: SCH-15 Det som gjøres for å oppfylle aktivitetsplikten, dokumenteres

    Scenario: En sak der alt er dokumentert
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2025-09-03 med at eleven ikke har det trygt og godt
      Og skolen lager en plan 2025-09-04 med evaluering 2025-09-18
      Og tiltakene gjennomføres 2025-09-17
      Og tiltakene evalueres 2025-09-18, eleven sier at hun har det trygt og godt og utfallet er «avslutte»
      Når saken avsluttes 2025-09-18 mens eleven sier at hun har det trygt og godt
      Så vurderes plikten "document" som oppfylt
      Og hjemmelen for "document" er «opplæringslova § 12-4 fjerde ledd»

    Scenario: Undersøkelsen konkluderes uten at noen samtaler eller observasjoner er dokumentert
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Når rektor konkluderer undersøkelsen 2025-09-03 med at eleven har det trygt og godt
      Så vurderes plikten "document" som brudd
      Og begrunnelsen for "document" nevner «uten at noen samtaler eller observasjoner er dokumentert»

    Scenario: Det står ikke hva bekymringen gjaldt
      Gitt en skolesak med en bekymring 2025-09-01
      Men det står ikke hva bekymringen gjaldt
      Når læreren melder fra til rektor 2025-09-01
      Så vurderes plikten "document" som advarsel
      Og begrunnelsen for "document" nevner «hva bekymringen gjaldt, er ikke skrevet ned»

    Scenario: Saken avsluttes uten barnets syn og uten begrunnelse
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun har det trygt og godt
      Og rektor konkluderer undersøkelsen 2025-09-03 med at eleven har det trygt og godt
      Når saken avsluttes 2025-09-04
      Så vurderes plikten "document" som advarsel
      Og begrunnelsen for "document" nevner «avslutningen mangler barnets syn og begrunnelse»

# language: no
@skole @oppl2023
Egenskap: Følgje med – opplæringslova § 12-4 første ledd
  «Alle som arbeider på skolen, skal følgje med på korleis elevane har det.»

  Plikten løper hele tiden, også mens tiltakene varer: saken skal vise at noen fulgte med på
  eleven mellom evalueringene. Hvor lenge det kan gå uten at noe er notert, er kommunens
  innstilling (advarsel etter 20 skoledager); mer enn 40 skoledager uten spor er brudd.

  Regel: SCH-01 Alle som arbeider på skolen, følger med på hvordan elevene har det – også mens tiltakene varer

    Scenario: En ansatt fanger opp at eleven ikke har det bra
      Gitt en skolesak med en bekymring 2025-09-01
      Når læreren melder fra til rektor 2025-09-01
      Så vurderes plikten "monitor" som oppfylt
      Og hjemmelen for "monitor" er «opplæringslova § 12-4 første ledd»

    Scenario: Skolen følger eleven opp mellom evalueringene
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2025-09-03 med at eleven ikke har det trygt og godt
      Og skolen lager en plan 2025-09-04 med evaluering 2025-09-18
      Og tiltakene evalueres 2025-09-18, eleven sier at hun er usikker og utfallet er «fortsette»
      Og en ansatt følger opp eleven 2025-10-09
      Og en ansatt følger opp eleven 2025-10-30
      Når tilsynet vurderer saken 2025-11-14
      Så vurderes plikten "monitor" som oppfylt
      Og begrunnelsen for "monitor" nevner «mens tiltakene varte»

    Scenario: Det går fem uker uten at noen noterer noe om eleven
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2025-09-03 med at eleven ikke har det trygt og godt
      Og skolen lager en plan 2025-09-04 med evaluering 2025-09-18
      Og tiltakene evalueres 2025-09-18, eleven sier at hun er usikker og utfallet er «fortsette»
      Når tilsynet vurderer saken 2025-10-24
      Så vurderes plikten "monitor" som advarsel

    Scenario: Ingen følger med på eleven i tre måneder mens tiltakene skal virke
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2025-09-03 med at eleven ikke har det trygt og godt
      Og skolen lager en plan 2025-09-04 med evaluering 2025-09-18
      Og tiltakene evalueres 2025-09-18, eleven sier at hun er usikker og utfallet er «fortsette»
      Når tilsynet vurderer saken 2025-12-15
      Så vurderes plikten "monitor" som brudd
      Og begrunnelsen for "monitor" nevner «uten at noe viser at noen fulgte med på barnet»

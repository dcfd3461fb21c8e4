# language: no
@skole @oppl2023
Egenskap: Skriftleg plan – opplæringslova § 12-4 tredje ledd
  «Skolen skal lage ein skriftleg plan for tiltaka i ei sak. I planen skal det stå
   – kva problem tiltaka skal løyse
   – kva tiltak skolen har planlagt
   – når tiltaka skal gjennomførast
   – kven som skal gjennomføre tiltaka
   – når tiltaka skal evaluerast»

  Etter 2023-lova er det «kven som skal gjennomføre tiltaka» som må stå i planen (den gamle lova
  sa «kven som er ansvarleg»). Statsforvaltaren krev i tillegg at problemskildringa forklarer kvifor
  eleven ikkje har det trygt og godt, og at tiltaka er konkrete.

  Bakgrunn:
    Gitt en skolesak med en bekymring 2025-09-01
    Og læreren melder fra til rektor 2025-09-01
    Og rektor starter undersøkelsen 2025-09-02
    Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
    Og rektor konkluderer undersøkelsen 2025-09-03 med at eleven ikke har det trygt og godt

  Regel: SCH-07 Planen har alle de fem lovpålagte feltene

    Scenario: En fullstendig plan
      Når skolen lager en plan 2025-09-04
      Så vurderes plikten "written_plan" som oppfylt
      Og hjemmelen for "written_plan" er «opplæringslova § 12-4 tredje ledd»
      Og begrunnelsen for "written_plan" nevner «hvem som gjennomfører»

    Scenariomal: Planen mangler et lovpålagt felt: <felt>
      Når skolen lager en plan 2025-09-04
      Men <mangel>
      Så vurderes plikten "written_plan" som brudd
      Og begrunnelsen for "written_plan" nevner «<begrunnelse>»

      Eksempler:
        | felt              | mangel                                                 | begrunnelse                                      |
        | problemet         | planen beskriver ikke problemet                        | problemet tiltakene skal løse er ikke beskrevet  |
        | når               | planen sier ikke når tiltakene skal gjennomføres       | mangler når de skal gjennomføres                 |
        | hvem gjennomfører | planen sier ikke hvem som skal gjennomføre tiltakene   | mangler hvem som skal gjennomføre dem            |
        | evaluering        | planen sier ikke når tiltakene skal evalueres          | sier ikke når tiltakene skal evalueres           |

    Scenario: Planen sier hvem som gjennomfører, men ikke hvem som er ansvarlig – det holder etter 2023-loven
      Når skolen lager en plan 2025-09-04
      Men planen sier ikke hvem som er ansvarlig for tiltakene
      Så vurderes plikten "written_plan" som oppfylt

    Scenario: Eleven trenger tiltak, men saken avsluttes uten noen plan
      Når saken avsluttes 2025-09-10 mens eleven sier at hun har det trygt og godt
      Så vurderes plikten "written_plan" som brudd
      Og begrunnelsen for "written_plan" nevner «ingen skriftlig plan»

  Regel: SCH-08 Problembeskrivelsen sier hvorfor eleven ikke har det trygt og godt, og tiltakene er konkrete

    Scenariomal: Problembeskrivelsen er bare «<problem>»
      Når skolen lager en plan 2025-09-04
      Men planen beskriver problemet som «<problem>»
      Så vurderes plikten "written_plan" som brudd
      Og begrunnelsen for "written_plan" nevner «problembeskrivelsen er for generell»

      Eksempler:
        | problem                                         |
        | Eleven blir mobbet.                             |
        | Eleven har ikke et trygt og godt skolemiljø.    |
        | Mobbing og utestenging i klassen.               |

    Scenariomal: Tiltaket er bare «<tiltak>»
      Når skolen lager en plan 2025-09-04
      Men tiltakene i planen er bare «<tiltak>»
      Så vurderes plikten "written_plan" som brudd
      Og begrunnelsen for "written_plan" nevner «er ikke konkrete»

      Eksempler:
        | tiltak                          |
        | Følge med.                      |
        | Tett oppfølging.                |
        | Voksne skal ha fokus på miljøet. |

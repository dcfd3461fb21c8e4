# language: no
@skole @oppl1998
Egenskap: Skjerpa aktivitetsplikt dersom ein som arbeider på skolen, krenkjer ein elev – opplæringslova 1998 § 9 A-5
  Etter § 9 A-5 skulle den som fekk mistanke om eller kjennskap til at ein som arbeider på skolen,
  krenkjer ein elev, «straks» varsle rektor; rektor skulle varsle skoleeigaren, og undersøking og
  tiltak skulle setjast i verk straks. Er det nokon i leiinga som krenkjer, går varselet direkte
  til skoleeigaren.

  Regel: SCH-11 En ansatt mistenkes: den som får vite det, varsler rektor straks

    Scenario: Kollegaen varsler rektor samme dag
      Gitt en skolesak der en ansatt er mistenkt for å krenke eleven 2023-10-02 kl. 09:00
      Når læreren melder fra til rektor 2023-10-02 kl. 12:00
      Så vurderes plikten "report_to_principal" som oppfylt
      Og hjemmelen for "report_to_principal" er «opplæringslova (1998) § 9 A-5»

    Scenario: Kollegaen venter en uke med å varsle rektor
      Gitt en skolesak der en ansatt er mistenkt for å krenke eleven 2023-10-02 kl. 09:00
      Når læreren melder fra til rektor 2023-10-09 kl. 09:00
      Så vurderes plikten "report_to_principal" som brudd
      Og hjemmelen for "report_to_principal" nevner «§ 9 A-5»

  Regel: SCH-13 Rektor varsler skoleeier, og undersøkelsen starter straks

    Scenario: Rektor varsler ikke skoleeier
      Gitt en skolesak der en ansatt er mistenkt for å krenke eleven 2023-10-02 kl. 09:00
      Og læreren melder fra til rektor 2023-10-02 kl. 10:00
      Og rektor starter undersøkelsen 2023-10-02 kl. 11:00
      Når tilsynet vurderer saken 2023-10-16
      Så vurderes plikten "report_to_owner" som brudd
      Og hjemmelen for "report_to_owner" er «opplæringslova (1998) § 9 A-5»

  Regel: SCH-12 Noen i ledelsen mistenkes: varselet går direkte til skoleeier

    Scenario: Rektor er mistenkt, og læreren varsler skoleeier direkte
      Gitt en skolesak der rektor er mistenkt for å krenke eleven 2023-10-02 kl. 09:00
      Når læreren melder fra direkte til skoleeieren 2023-10-02 kl. 11:00
      Så vurderes plikten "report_to_owner" som oppfylt
      Og hjemmelen for "report_to_owner" er «opplæringslova (1998) § 9 A-5»

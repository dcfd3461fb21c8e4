# language: no
@barnehage @bhl
Egenskap: Gripe inn – barnehageloven § 41
  Barnehagen skal ha nulltoleranse mot krenkelser som utestenging, mobbing, vold, diskriminering
  og trakassering. «Alle som arbeider i barnehagen, skal gripe inn» når et barn blir utsatt for
  slike krenkelser. I barnehagen står plikten til å gripe inn i § 41, ikke i aktivitetsplikten
  i § 42.

  Regel: BHG-01 Den som ser at et barn blir krenket, griper inn med en gang

    Scenario: En ansatt griper inn når et barn blir dyttet og utestengt i sandkassen
      Gitt en barnehagesak der en ansatt ser at barnet blir krenket 2025-09-01 kl. 10:15
      Når en ansatt griper inn 2025-09-01 kl. 10:15
      Så vurderes plikten "intervene" som oppfylt
      Og hjemmelen for "intervene" er «barnehageloven § 41»

    Scenario: En ansatt ser krenkelsen, men ingen griper inn
      Gitt en barnehagesak der en ansatt ser at barnet blir krenket 2025-09-01 kl. 10:15
      Når pedagogisk leder melder fra til styreren 2025-09-01 kl. 15:00
      Så vurderes plikten "intervene" som brudd
      Og hjemmelen for "intervene" nevner «§ 41»

import type { AchievementDefinition } from '../catalog/achievement.schema.js';

const esco = (id: string, label: string, kind: 'skill' | 'occupation' = 'skill') => ({
  uri: `http://data.europa.eu/esco/${kind}/${id}`,
  label,
});

/** The four-level scale both demo rubrics use, lowest first; `what` is the task ("rate the risks found"). */
const levels = (what: string) => [
  { id: 'not-yet', name: 'Not yet', description: `Cannot yet ${what}.`, points: 0 },
  { id: 'developing', name: 'Developing', description: `Can ${what} with help; gaps remain that an assessor would correct.`, points: 1 },
  { id: 'competent', name: 'Competent', description: `Can ${what} reliably, without help.`, points: 2 },
  { id: 'exemplary', name: 'Exemplary', description: `Can ${what} to a standard others could learn from.`, points: 3 },
];

/** Two published micro-credentials of the demo college, aligned to real ESCO concepts (NOC and CIP codes are illustrative). */
export const demoAchievements: Array<{ slug: string; definition: AchievementDefinition }> = [
  {
    slug: 'spreadsheet-data-analysis',
    definition: {
      title: 'Spreadsheet Data Analysis for the Workplace',
      description:
        'Clean, analyse and present operational data with spreadsheet software, and explain what the figures mean for a business decision.',
      criteria:
        'Submit a workbook built from a supplied raw data set, with a one-page briefing, and walk an assessor through it. All four outcomes must reach "competent".',
      outcomes: [
        { id: 'o1', statement: 'Structure, clean and validate a raw data set in a spreadsheet.', kind: 'skill', escoSkills: [esco('1973c966-f236-40c9-b2d4-5d71a89019be', 'use spreadsheets software')] },
        { id: 'o2', statement: 'Choose and apply suitable summary statistics, pivots and charts.', kind: 'knowledge', escoSkills: [esco('d63f49de-cb72-4ce3-9553-a374a4f32f52', 'analyse data about clients')] },
        { id: 'o3', statement: 'Draw defensible conclusions and state the limits of the data.', kind: 'skill', escoSkills: [esco('7dd94ad3-13d6-43fe-8b94-51fcbf67ced9', 'think critically')] },
        { id: 'o4', statement: 'Check one\u2019s own work for errors before it is relied upon.', kind: 'attitude', escoSkills: [esco('adc6dc11-3376-467b-96c5-9b0a21edc869', 'solve problems')] },
      ],
      assessment: { form: 'Work product and oral walk-through, marked against a four-criterion rubric', performanceBased: true, supervised: true, identityChecked: true },
      evidenceRequirements: ['The workbook (.xlsx or .ods)', 'A one-page briefing (PDF)', 'Recording or assessor notes of the walk-through'],
      notionalHours: 30,
      durationWeeks: 6,
      credit: { value: 1, system: 'ECTS' },
      eqfLevel: 4,
      oqfCategory: 'certificate-ii',
      noc: [{ code: '13110', title: 'Administrative officers' }, { code: '14100', title: 'General office support workers' }],
      cip: { code: '52.0407', title: 'Business/office automation/technology/data entry' },
      language: 'en',
      deliveryModes: ['online', 'blended'],
      price: { amount: 240, currency: 'CAD' },
      startDates: { kind: 'on-demand' },
      assessmentOnlyRoute: true,
      prerequisites: 'Basic computer literacy; no prior spreadsheet training required.',
      validity: { validForMonths: null, reviewBy: '2028-06-30' },
      labourMarket: {
        escoOccupations: [esco('d3edb8f8-3a06-47a0-8fb9-9b212c006aa2', 'data analyst', 'occupation'), esco('6c999fc7-c6b7-4ef3-a4b9-af124a1783a2', 'office clerk', 'occupation')],
        employerPartners: [{ name: 'Bluewater Logistics', consultedOn: '2026-03-12' }],
      },
      stackability: { pathways: ['Northbridge Certificate in Business Data Skills (planned)'] },
      qualityAssurance: { assuredBy: 'Northbridge College Academic Quality Office', method: 'Internal programme review against the college micro-credential policy', assuredOn: '2026-05-20' },
      humanCode: 'NBC-MC-SDA1',
      fieldOfStudy: 'Business analytics',
      issuerLocation: { country: 'CA', region: 'Ontario' },
      rubric: {
        criteria: [
          { id: 'data-preparation', name: 'Data preparation', kind: 'performance', outcomes: ['o1'], levels: levels('structure, clean and validate the data set') },
          { id: 'analysis', name: 'Analysis and presentation', kind: 'performance', outcomes: ['o2'], levels: levels('choose suitable statistics, pivots and charts') },
          { id: 'conclusions', name: 'Conclusions and limits', kind: 'oral', outcomes: ['o3'], levels: levels('draw defensible conclusions and state the limits of the data') },
          { id: 'self-checking', name: 'Checking own work', kind: 'performance', outcomes: ['o4'], levels: levels('check the workbook for errors before handing it over') },
        ],
        passRule: { everyCriterionAtLeast: 'Competent', requiredCriteria: [] },
      },
      maxResubmissions: 2,
    },
  },
  {
    slug: 'workplace-health-and-safety',
    definition: {
      title: 'Workplace Health and Safety in Manufacturing',
      description:
        'Identify hazards on a production floor, apply the controls that health and safety standards require, and lead a safety briefing for a team.',
      criteria:
        'Complete a supervised hazard walk-through on a real or simulated production floor and deliver a toolbox talk; a workplace supervisor attests to both.',
      outcomes: [
        { id: 'o1', statement: 'Identify hazards and rate their risk on a production floor.', kind: 'knowledge', escoSkills: [esco('dcc96a49-0bac-4a9c-8f8e-a32b4e47e6eb', 'apply health and safety standards')] },
        { id: 'o2', statement: 'Apply the hierarchy of controls to reduce the risks found.', kind: 'skill', escoSkills: [esco('dcc96a49-0bac-4a9c-8f8e-a32b4e47e6eb', 'apply health and safety standards')] },
        { id: 'o3', statement: 'Lead a clear, inclusive safety briefing for a team.', kind: 'attitude', escoSkills: [esco('60c78287-22eb-4103-9c8c-28deaa460da0', 'work in teams')] },
      ],
      assessment: { form: 'Observed practical demonstration with supervisor attestation', performanceBased: true, supervised: true, identityChecked: true },
      evidenceRequirements: ['Completed hazard register', 'Supervisor attestation', 'Briefing plan or video'],
      notionalHours: 20,
      durationWeeks: 3,
      credit: { value: 0.5, system: 'ECTS' },
      eqfLevel: 3,
      oqfCategory: 'certificate-i',
      noc: [{ code: '22232', title: 'Occupational health and safety specialists' }],
      cip: { code: '15.0701', title: 'Occupational safety and health technology/technician' },
      language: 'en',
      deliveryModes: ['in-person', 'workplace'],
      price: { amount: 180, currency: 'CAD' },
      startDates: { kind: 'cohorts', cohorts: [{ startsOn: '2027-01-11', capacity: 24 }, { startsOn: '2027-04-12', capacity: 24 }] },
      assessmentOnlyRoute: true,
      prerequisites: 'None.',
      validity: { validForMonths: 36, reviewBy: '2028-01-31' },
      labourMarket: {
        escoOccupations: [esco('40517ed4-2769-4283-a15b-4b0d939bd2d3', 'production supervisor', 'occupation'), esco('789517fb-95ee-43d1-9530-c2860be1a439', 'health and safety officer', 'occupation')],
        employerPartners: [{ name: 'Harbour Manufacturing Association', consultedOn: '2026-02-04' }],
      },
      stackability: { pathways: ['Northbridge Manufacturing Team Lead pathway (planned)'] },
      qualityAssurance: { assuredBy: 'Northbridge College Academic Quality Office', method: 'Programme review with the industry advisory committee', assuredOn: '2026-04-15' },
      humanCode: 'NBC-MC-WHS1',
      fieldOfStudy: 'Occupational health and safety',
      issuerLocation: { country: 'CA', region: 'Ontario' },
      rubric: {
        criteria: [
          { id: 'hazard-identification', name: 'Hazard identification and risk rating', kind: 'performance', outcomes: ['o1'], levels: levels('identify hazards and rate their risk') },
          { id: 'controls', name: 'Applying the hierarchy of controls', kind: 'performance', outcomes: ['o2'], levels: levels('apply controls that reduce the risks found') },
          { id: 'briefing', name: 'Safety briefing', kind: 'performance', outcomes: ['o3'], levels: levels('lead a clear, inclusive safety briefing') },
          { id: 'regulations-quiz', name: 'Regulations quiz', kind: 'multiple-choice', outcomes: ['o1'], levels: levels('answer questions on the applicable regulations') },
        ],
        passRule: { minimumPoints: 8, requiredCriteria: [{ criterion: 'hazard-identification', atLeast: 'Competent' }, { criterion: 'controls', atLeast: 'Competent' }] },
      },
      maxResubmissions: 1,
    },
  },
];

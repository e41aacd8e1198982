// Inspection campaigns (issue 11, document 003), a lazy chunk: the routes under #/inspections.
// Each screen is its own module: the list, the create/edit form, the campaign view, a team
// member's record of a visit and the unit's answers it reads, a team's report, the inspected
// unit's answers to its outline (at the district: as the working group or one department) and
// the district's merged answer.
import { AnswerScreen } from './AnswerScreen.tsx';
import { CampaignEdit, CampaignForm } from './CampaignForm.tsx';
import { CampaignList } from './CampaignList.tsx';
import { CampaignView } from './CampaignView.tsx';
import { InspectionScreen } from './InspectionScreen.tsx';
import { MergedAnswerScreen } from './MergedAnswer.tsx';
import { TeamReportScreen } from './TeamReportScreen.tsx';
import { UnitAnswersScreen } from './UnitAnswers.tsx';
import './inspections.css';

export default function InspectionsScreens({ route }: { route: string[] }) {
  const [, second, third, fourth, fifth] = route;
  if (!second) return <CampaignList />;
  if (second === 'new') return <CampaignForm />;
  if (third === 'edit') return <CampaignEdit campaignId={second} />;
  if (third === 'unit' && fourth) return fifth === 'answers' ? <UnitAnswersScreen campaignId={second} unitId={fourth} /> : <InspectionScreen campaignId={second} unitId={fourth} />;
  if (third === 'team' && fourth) return <TeamReportScreen campaignId={second} teamId={fourth} />;
  if (third === 'answer') return <AnswerScreen campaignId={second} department={fourth} />;
  if (third === 'merged') return <MergedAnswerScreen campaignId={second} />;
  return <CampaignView campaignId={second} />;
}

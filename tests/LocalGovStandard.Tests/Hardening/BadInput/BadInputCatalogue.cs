namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>
/// Every bad-input case, by route. A new public route adds its cases here (a few lines with
/// <see cref="JsonRouteCases"/> or <see cref="FormRouteCases"/>); the coverage test fails until it does.
/// </summary>
public static class BadInputCatalogue
{
    public static readonly IReadOnlyList<BadInputCase> All =
    [
        .. SignupCases.Api(), .. SignupCases.Form(), .. SignupCases.Verify(), .. SignupCases.Approve(),
        .. AccessCases.StartForm(), .. AccessCases.SignInLink(), .. AccessCases.SignOut(), .. AccessCases.TokenApi(),
        .. SummitCases.Rsvp("/events/rsvp"), .. SummitCases.Rsvp("/summit/rsvp"), .. SummitCases.Unsubscribe("/events/unsubscribe"), .. SummitCases.Unsubscribe("/summit/unsubscribe"),
        .. EventCases.ConsoleSchedule(), .. EventCases.LeadSchedule(),
        .. OpenRegistrationCases.Register(), .. OpenRegistrationCases.Confirm(), .. OpenRegistrationCases.LeadOpen(), .. OpenRegistrationCases.ConsoleOpen(),
        .. AttendanceCases.Lead(), .. AttendanceCases.Console(), .. GroupExtrasCases.Lead(), .. GroupExtrasCases.Console(),
        .. SupportNeedCases.Put(), .. SupportNeedCases.Form(),
        .. AssessmentApiCases.Create(), .. AssessmentApiCases.UpdateDetails(), .. AssessmentApiCases.RatePoint(),
        .. AssessmentApiCases.Submit(), .. AssessmentApiCases.Reassess(), .. AssessmentApiCases.ActionDone(),
        .. AssessmentApiCases.UploadEvidence(), .. AssessmentApiCases.RemoveEvidence(),
        .. AssessmentPageCases.NewQuestion(), .. AssessmentPageCases.DetailsQuestion(), .. AssessmentPageCases.Point(),
        .. AssessmentPageCases.Check(), .. AssessmentPageCases.Reassess(), .. AssessmentPageCases.ActionDone(),
        .. PeerAssessmentCases.Api(), .. PeerAssessmentCases.Form(),
        .. OrganiserCases.SignIn(), .. OrganiserCases.SignOut(), .. OrganiserCases.Register(), .. OrganiserCases.PeerGroup(), .. PeerGroupCases.FromCouncils(), .. PeerGroupCases.FromRegions(),
        .. OrganiserCases.RunReports(), .. OrganiserCases.CreateSummit(), .. OrganiserCases.SendSummit(), .. OrganiserCases.RemindSummit(), .. OrganiserCases.EraseContact(),
        .. OrganiserCases.Approvals(), .. OrganiserCases.ContactStanding(), .. OrganiserCases.ImportDomains(), .. OrganiserCases.CouncilDomains(),
        .. PoisonedEmailCases.Requeue(),
        .. PeopleErasureCases.Export(), .. PeopleErasureCases.Erase(),
        .. PackCases.Lead(), .. PackCases.Console(),
        .. AssessorCases.PutProfile(), .. AssessorCases.WithdrawApi(), .. AssessorCases.ProfileForm(), .. AssessorCases.WithdrawForm(),
        .. AssessorCases.LeadApprove(), .. AssessorCases.ConsoleApprove(),
        .. PanelCases.LeadConfirm(), .. PanelCases.ConsoleConfirm(), .. PanelCases.LeadRemove(), .. PanelCases.ConsoleRemove(),
        .. PanelCases.Answer("/assessments/panels/accept"), .. PanelCases.Answer("/assessments/panels/decline"),
        .. ReportAfterCases.ConfirmRead(), .. PanelStartCases.Start(), .. ReportAfterCases.ReassessmentApi(), .. ReportAfterCases.ReassessmentForm(),
        .. FeedbackCases.Api(), .. FeedbackCases.Form(),
    ];

    public static BadInputCase Find(string id) => All.Single(c => c.Id == id);

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var item in All)
        {
            data.Add(item.Id);
        }

        return data;
    }
}

//! The customer's kit for one engagement: Success Plan (DOCX, PDF), Success Checklist
//! (PDF) and Workshop handout (PDF).
